/**
 * @module
 * What a cluster looks like after a member holding simulated nodes died: how fast the nodes
 * came back, where, and what every surviving member lists and can invoke. Shared by the
 * cluster failover bench and its test.
 */
import { randomUUID } from 'node:crypto';
import { until } from './processes.js';

/**
 * Waits (up to `timeoutMs`) until every node of `sim` (`startSimulatedNodes`) is connected to
 * one of `survivors` again, then asks each survivor's operator (`operator()` of processes.js,
 * same order) for `node.list`, the pending pairing requests, and `system.which` on `sample`
 * nodes.
 *
 * @param {number} since `performance.now()` just before the member was killed
 * @returns {Promise<{ reconnectMs: number[], onEach: number[], lists: Array<{ listed: number, distinct: number, connected: number, members: string[] }>, pending: number, refusals: number, invokes: number, invokeFailures: number }>}
 *   `reconnectMs`: per node, loss to next hello-ok, sorted; `onEach`: nodes on each survivor;
 *   `lists[i]`: on survivor i, entries of these nodes, distinct ids, connected ones and the
 *   members (boot ids) they are listed on; `pending`: pairing requests of these nodes on the
 *   first survivor; `refusals`: connects refused after the kill (a lost pairing shows here).
 */
export async function afterFailover(sim, survivors, ops, since, { timeoutMs = 60_000, sample = 20 } = {}) {
  const total = sim.nodes.length;
  await until(async () => (survivors.reduce((n, url) => n + sim.connectedTo(url), 0) === total ? true : undefined), timeoutMs);
  const ids = new Set(sim.nodes.map((n) => n.deviceId));
  const reconnectMs = sim.reconnects(since).map((r) => r.reconnectMs).sort((a, b) => a - b);
  const lists = [];
  for (const op of ops) {
    const mine = (await op.request('node.list', {})).nodes.filter((n) => ids.has(n.nodeId));
    lists.push({ listed: mine.length, distinct: new Set(mine.map((n) => n.nodeId)).size, connected: mine.filter((n) => n.connected).length, members: [...new Set(mine.map((n) => n.clusterMember))] });
  }
  const pending = (await ops[0].request('node.pair.list', {})).pending.filter((p) => ids.has(p.nodeId)).length;
  let invokeFailures = 0;
  const picked = sim.nodes.slice(0, sample);
  for (const op of ops) {
    const answers = await Promise.all(picked.map((n) => op.request('node.invoke', { nodeId: n.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: randomUUID() }).then(() => true, () => false)));
    invokeFailures += answers.filter((ok) => !ok).length;
  }
  const refusals = sim.nodes.reduce((n, node) => n + node.refusals.length, 0);
  return { reconnectMs, onEach: survivors.map((url) => sim.connectedTo(url)), lists, pending, refusals, invokes: picked.length * ops.length, invokeFailures };
}

/** Approves every pending pairing request `op` sees (the nodes' command surfaces), 200 at a time. */
export async function approveAll(op) {
  const pending = (await op.request('node.pair.list', {})).pending;
  for (let i = 0; i < pending.length; i += 200) await Promise.all(pending.slice(i, i + 200).map((p) => op.request('node.pair.approve', { requestId: p.requestId })));
  return pending.length;
}
