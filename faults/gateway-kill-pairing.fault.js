/**
 * @module
 * The gateway killed with `kill -9` in the middle of a burst of pairing approvals, then
 * started again on the same state: every state file still parses, every approval the gateway
 * acknowledged is still there, no node is listed twice, and every node can connect again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, until } from '../bench/lib/processes.js';
import { connectRawOperator } from '../bench/lib/raw-operator.js';
import { figure, runCase, scale } from './lib/fault-kit.js';
import { startOurGateway, TOKEN } from './lib/our-stack.js';
import { generateDeviceIdentity, nodeHandshake } from '../bench/lib/simulated-nodes.js';

const NODES = scale(200, 50);
const ROUNDS = scale(3, 1);
const CONFIG = { gateway: { nodes: { pairing: { autoApproveLocal: false } } } };

await runCase(async ({ root, track }) => {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  let gateway = await startOurGateway(root, port, { config: CONFIG });
  track(gateway.child);
  let lost = 0;
  let acknowledged = 0;
  let duplicates = 0;
  let unreadable = [];
  let reconnected = 0;
  const identities = [];
  for (let round = 0; round < ROUNDS; round++) {
    // New nodes ask to pair (the gateway refuses them until approved, keeping a request each).
    const fresh = Array.from({ length: NODES }, () => generateDeviceIdentity());
    identities.push(...fresh);
    for (const { res, ws } of await Promise.all(fresh.map((id, i) => nodeHandshake(url, id, { token: TOKEN }, { displayName: `kill-${round}-${i}` })))) {
      ws.terminate();
      if (res.ok) throw new Error('a node was paired without approval');
    }
    const op = await connectRawOperator(url, TOKEN);
    const pending = (await op.request('node.pair.list', {})).payload.pending;
    // The whole burst at once; the gateway dies once a third of it has been acknowledged.
    const acked = [];
    await new Promise((resolve) => {
      for (const p of pending) {
        op.request('node.pair.approve', { requestId: p.requestId }).then(
          (res) => {
            if (res.ok) acked.push(p.nodeId);
            if (acked.length >= pending.length / 3 && gateway.child.signalCode === null) {
              gateway.child.kill('SIGKILL');
              resolve();
            }
          },
          () => resolve(),
        );
      }
    });
    await new Promise((resolve) => (gateway.child.exitCode !== null || gateway.child.signalCode !== null ? resolve() : gateway.child.once('exit', resolve)));
    acknowledged += acked.length;

    unreadable = unreadable.concat(unparsable(gateway.stateDir));
    gateway = await startOurGateway(root, port, { config: CONFIG });
    track(gateway.child);
    const after = await connectRawOperator(url, TOKEN);
    const { paired, pending: stillPending } = (await after.request('node.pair.list', {})).payload;
    const pairedIds = new Set(paired.map((n) => n.nodeId));
    lost += acked.filter((id) => !pairedIds.has(id)).length;
    const everyId = [...paired.map((n) => n.nodeId), ...stillPending.map((p) => p.nodeId)];
    duplicates += everyId.length - new Set(everyId).size;
    // Every approved node connects; the others are refused, each still with one request.
    const results = await Promise.all(identities.map((id, i) => nodeHandshake(url, id, { token: TOKEN }, { displayName: `kill-${i}` })));
    reconnected = results.filter(({ res }) => res.ok).length;
    const listed = await until(async () => {
      const nodes = (await after.request('node.list', {})).payload.nodes;
      return nodes.filter((n) => n.connected).length === pairedIds.size ? nodes : undefined;
    }, 20_000);
    duplicates += listed.length - new Set(listed.map((n) => n.nodeId)).size;
    if (reconnected !== pairedIds.size) lost += Math.abs(reconnected - pairedIds.size);
    for (const { ws } of results) ws.terminate();
    after.close();
  }
  figure('state files that do not parse after kill -9', unreadable.length, 'files', { target: '0', pass: unreadable.length === 0, extra: unreadable.length ? { files: unreadable } : { rounds: ROUNDS } });
  figure('acknowledged approvals lost', lost, 'approvals', { target: '0', pass: lost === 0, extra: { acknowledged, requested: NODES * ROUNDS } });
  figure('nodes listed twice', duplicates, 'nodes', { target: '0', pass: duplicates === 0, extra: { pairedAndConnectedAtEnd: reconnected } });
});

/** The JSON files under `dir` that do not parse (a torn write would show here). */
function unparsable(dir) {
  const bad = [];
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, String(name));
    if (!String(name).endsWith('.json') || !statSync(path).isFile()) continue;
    try {
      JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      bad.push(String(name));
    }
  }
  return bad;
}
