/**
 * @module
 * Simulated node hosts, many to a process: each does the real signed handshake with its own
 * Ed25519 identity (core's identity module, as gateway.bench.js does), answers `system.which`
 * at once, and, when asked to, reconnects after a drop with the node host's own Backoff
 * (1 s doubling, up to 25 % jitter), so a gateway restart sees what a real fleet does.
 */
import WebSocket from 'ws';
import { Backoff } from '../../hosts/node/dist/backoff.js';
import { generateDeviceIdentity, signConnectDevice } from '../../core/dist/identity.js';
import { localProofHeaders } from '../../core/dist/store.js';

export { generateDeviceIdentity };

/** State dirs of the gateways whose machine the simulated nodes run on. */
const machineGateways = new Set();

/**
 * Simulated nodes then run on the machine of the gateway whose state dir is `stateDir`: they
 * show its local proof (core/src/store/local-proof.ts) and pair without an operator.
 */
export function onMachineOf(stateDir) {
  machineGateways.add(stateDir);
}

async function localProofFor(url) {
  for (const dir of machineGateways) {
    const headers = await localProofHeaders(dir, url);
    if (Object.keys(headers).length > 0) return headers;
  }
  return {};
}

/**
 * One signed node `connect` on a new socket. Resolves with `{ ws, res }` once the gateway
 * answered (`res.ok` false for a refusal; the gateway then closes the socket), or rejects when
 * the socket fails first. An accepted socket answers invokes until closed.
 */
export async function nodeHandshake(url, identity, token, displayName = 'sim-node') {
  const headers = await localProofFor(url);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, headers });
    let answered = false;
    ws.on('error', (err) => answered || reject(err));
    ws.on('close', () => answered || reject(new Error('closed before the connect was answered')));
    ws.on('message', (data) => {
      const frame = JSON.parse(data);
      if (frame.event === 'connect.challenge') {
        const client = { id: 'node-host', displayName, mode: 'node', version: 'fault', platform: 'linux', deviceFamily: 'Linux' };
        const device = signConnectDevice(identity, { clientId: 'node-host', clientMode: 'node', role: 'node', scopes: [], token, nonce: frame.payload.nonce, signedAt: frame.payload.ts, platform: 'linux', deviceFamily: 'Linux' });
        ws.send(JSON.stringify({ type: 'req', id: 'c', method: 'connect', params: { minProtocol: 4, maxProtocol: 4, client, caps: ['system'], commands: ['system.which'], role: 'node', scopes: [], auth: { token }, device } }));
      } else if (frame.type === 'res' && frame.id === 'c') {
        answered = true;
        resolve({ ws, res: frame });
      } else if (frame.event === 'node.invoke.request') {
        const { id, nodeId } = frame.payload;
        ws.send(JSON.stringify({ type: 'req', id: `r:${id}`, method: 'node.invoke.result', params: { id, nodeId, ok: true, payloadJSON: '{"bins":{"sh":"/usr/bin/sh"}}' } }));
      }
    });
  });
}

/**
 * A node that stays connected: connects now and, after every drop, again after the next
 * Backoff delay until `stop()`. `connects` records each accepted connect's time
 * (performance.now() ms); `delays` each backoff delay it waited (ms).
 */
export function persistentNode(url, identity, token) {
  const backoff = new Backoff();
  const node = { connects: [], delays: [], connected: false, stopped: false, ws: undefined };
  const retry = () => {
    if (node.stopped) return;
    const delay = backoff.next();
    node.delays.push(delay);
    setTimeout(attempt, delay);
  };
  const attempt = () => {
    if (node.stopped) return;
    nodeHandshake(url, identity, token).then(
      ({ ws, res }) => {
        if (!res.ok) return retry();
        backoff.reset();
        node.ws = ws;
        node.connected = true;
        node.connects.push(performance.now());
        ws.once('close', () => ((node.connected = false), retry()));
      },
      () => retry(),
    );
  };
  node.start = attempt;
  node.stop = () => ((node.stopped = true), node.ws?.terminate());
  return node;
}
