/**
 * @module
 * The smallest operator client that speaks the gateway protocol: one `ws` socket, a
 * token-only `connect` (no device identity, as a loopback CLI sends it) and requests matched
 * to answers by id. Written for measuring gateways side by side, ours and the real OpenClaw:
 * it parses each frame once and keeps nothing per request but the pending callback, so its
 * own cost stays small next to a gateway's (bench/compare.bench.js measures it against a
 * trivial echo server).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const SCOPES = ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin'];

/**
 * Connects as an operator with the shared `token` and resolves once `hello-ok` arrived.
 *
 * Returns `{ request(method, params) → Promise<res frame>, invoke(nodeId, command, params,
 * timeoutMs?) → Promise<res frame>, close(), ws, hello }`. A `res` frame is resolved whether
 * ok or not (`{ ok:false, error }` is data here); a closed socket rejects what is pending.
 *
 * @throws Error when the gateway refuses the connect or closes first (`timeoutMs`, default 15 s).
 */
export function connectRawOperator(url, token, { scopes = SCOPES, timeoutMs = 15_000 } = {}) {
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  const pending = new Map();
  let nextId = 0;
  const send = (method, params) =>
    new Promise((resolve, reject) => {
      const id = String(++nextId);
      pending.set(id, { resolve, reject });
      ws.send(`{"type":"req","id":"${id}","method":${JSON.stringify(method)},"params":${JSON.stringify(params)}}`);
    });
  const client = {
    ws,
    hello: undefined,
    request: send,
    invoke: (nodeId, command, params, timeoutMs) => send('node.invoke', { nodeId, command, params, ...(timeoutMs ? { timeoutMs } : {}), idempotencyKey: randomUUID() }),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (ws.terminate(), reject(new Error(`no hello-ok from ${url} in ${timeoutMs} ms`))), timeoutMs);
    ws.on('error', (err) => (clearTimeout(timer), reject(err)));
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      const err = new Error(`connection closed ${code} ${reason}`);
      reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(data);
      if (frame.type === 'res') {
        const p = pending.get(frame.id);
        if (p === undefined) return;
        pending.delete(frame.id);
        p.resolve(frame);
      } else if (frame.event === 'connect.challenge') {
        const client0 = { id: 'cli', version: 'bench', platform: 'linux', mode: 'cli', instanceId: randomUUID() };
        send('connect', { minProtocol: 4, maxProtocol: 4, client: client0, role: 'operator', scopes, caps: [], auth: { token } }).then((res) => {
          clearTimeout(timer);
          if (!res.ok) return reject(new Error(`connect refused: ${res.error.code} ${res.error.message}`));
          client.hello = res.payload;
          resolve(client);
        });
      }
    });
  });
}
