/**
 * @module
 * Simulated node hosts for benchmarks: fresh identities doing the real signed `connect`
 * (first time with the shared token, returning with the device token each was issued).
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * `count` simulated nodes. `connectAll(url, { returning })` opens them all, `concurrency` at a
 * time, and answers the open sockets and the elapsed ms; with `silent` they never answer a call.
 */
export function signedNodes(count, token, { concurrency = 50, silent = true } = {}) {
  let identity;
  const nodes = { ids: [], tokens: new Map(), identities: [] };
  const ready = import('../../core/dist/identity.js').then((m) => {
    identity = m;
    nodes.identities = Array.from({ length: count }, () => m.generateDeviceIdentity());
    nodes.ids = nodes.identities.map((i) => i.deviceId);
  });
  nodes.connectAll = async (url, { returning = false } = {}) => {
    await ready;
    const sockets = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < nodes.identities.length) {
          const id = nodes.identities[next++];
          sockets.push(await handshake(url, id, returning ? { deviceToken: nodes.tokens.get(id.deviceId) } : { token }, identity.signConnectDevice, nodes.tokens, silent));
        }
      }),
    );
    return { elapsedMs: performance.now() - t0, sockets };
  };
  return nodes;
}

function handshake(url, identity, auth, signConnectDevice, tokens, silent) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.event === 'connect.challenge') {
        const client = { id: 'node-host', mode: 'node', version: 'bench', platform: 'linux', deviceFamily: 'Linux' };
        const secret = auth.token ?? auth.deviceToken;
        const device = signConnectDevice(identity, { clientId: 'node-host', clientMode: 'node', role: 'node', scopes: [], token: secret, nonce: frame.payload.nonce, signedAt: frame.payload.ts, platform: 'linux', deviceFamily: 'Linux' });
        ws.send(JSON.stringify({ type: 'req', id: '1', method: 'connect', params: { minProtocol: 4, maxProtocol: 4, client, caps: ['system'], commands: ['system.which'], role: 'node', scopes: [], auth, device } }));
      } else if (frame.type === 'res' && frame.id === '1') {
        if (!frame.ok) return reject(new Error(frame.error.message));
        tokens.set(identity.deviceId, frame.payload.auth.deviceToken);
        resolve(ws);
      } else if (frame.event === 'node.invoke.request' && !silent) {
        ws.send(JSON.stringify({ type: 'req', id: `r:${frame.payload.id}`, method: 'node.invoke.result', params: { id: frame.payload.id, nodeId: frame.payload.nodeId, ok: true, payloadJSON: '{}' } }));
      }
    });
  });
}
