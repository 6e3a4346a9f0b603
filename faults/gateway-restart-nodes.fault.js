/**
 * @module
 * A gateway restarted with 10,000 simulated signed nodes connected (1,000 in the bounded
 * form): every node is back and invocable within 10 s of the restart, their reconnects spread
 * out by the node host's jittered backoff, and the gateway lists no ghost (no node twice, none
 * connected that is not).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantile } from '../bench/lib/measure.js';
import { cpuMs, freePort, until } from '../bench/lib/processes.js';
import { connectRawOperator } from '../bench/lib/raw-operator.js';
import { figure, runCase, scale } from './lib/fault-kit.js';
import { metric, metrics, startOurGateway, TOKEN } from './lib/our-stack.js';
import { generateDeviceIdentity, SimulatedNode } from '../bench/lib/simulated-nodes.js';

const NODES = scale(10_000, 1_000);
const BACK_WITHIN_MS = 10_000;
const SAMPLE_INVOKES = 200;

await runCase(async ({ root, track }) => {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  let gateway = await startOurGateway(root, port);
  track(gateway.child);
  // First connects pair silently (on the gateway's machine, showing its local proof), 50 at a time so the first start is not a stampede.
  const nodes = Array.from({ length: NODES }, () => new SimulatedNode(generateDeviceIdentity(), [url], { token: TOKEN, gatewayStateDirs: [join(root, 'gw')] }));
  for (let i = 0; i < NODES; i += 50) {
    nodes.slice(i, i + 50).forEach((n) => n.start());
    await until(async () => (nodes.slice(i, i + 50).every((n) => n.connected) ? true : undefined), 60_000);
  }
  const connected = async () => metric(await metrics(port), 'openclaw_nodes_connected');
  await until(async () => ((await connected()) === NODES ? true : undefined), 60_000);
  // Their command surfaces wait for an operator (as with the real gateway); approve them all.
  const first = await connectRawOperator(url, TOKEN);
  const pending = (await first.request('node.pair.list', {})).payload.pending;
  for (let i = 0; i < pending.length; i += 200) {
    const answers = await Promise.all(pending.slice(i, i + 200).map((p) => first.request('node.pair.approve', { requestId: p.requestId })));
    if (!answers.every((a) => a.ok)) throw new Error(`approving a node failed: ${JSON.stringify(answers.find((a) => !a.ok).error)}`);
  }
  first.close();

  const restartedAt = performance.now();
  gateway.child.kill('SIGTERM');
  await new Promise((resolve) => gateway.child.once('exit', resolve));
  const stoppedMs = performance.now() - restartedAt;
  gateway = await startOurGateway(root, port);
  track(gateway.child);
  const listeningMs = performance.now() - restartedAt;
  const [gatewayCpu0, clientCpu0] = [cpuMs(gateway.child.pid), process.cpuUsage()];
  const backMs = await until(async () => ((await connected()) === NODES ? performance.now() - restartedAt : undefined), 120_000).catch(() => Infinity);
  // CPU per returning handshake while the fleet came back: the gateway's, and this process's (every simulated node's client).
  const gatewayCpuUs = ((cpuMs(gateway.child.pid) - gatewayCpu0) * 1000) / NODES;
  const clientCpu = process.cpuUsage(clientCpu0);
  const clientCpuUs = (clientCpu.user + clientCpu.system) / NODES;

  const op = await connectRawOperator(url, TOKEN);
  const listed = (await op.request('node.list', {})).payload.nodes;
  const ids = listed.map((n) => n.nodeId);
  const ghosts = ids.length - new Set(ids).size + (listed.length - NODES);
  const sample = listed.filter((n) => n.connected).slice(0, SAMPLE_INVOKES);
  const answers = await Promise.all(sample.map((n) => op.invoke(n.nodeId, 'system.which', { bins: ['sh'] })));
  const invocableMs = performance.now() - restartedAt;
  const failed = answers.filter((a) => !a.ok).length;

  figure('all nodes connected again after the restart', backMs, 'ms', { target: `< ${BACK_WITHIN_MS}`, pass: backMs < BACK_WITHIN_MS, extra: { nodes: NODES, oldGatewayExitedAfterMs: Math.round(stoppedMs), newGatewayListeningAfterMs: Math.round(listeningMs) } });
  figure('sampled invokes failing after the restart', failed, 'invokes', { target: '0', pass: failed === 0 && sample.length > 0, extra: { sampled: sample.length, allAnsweredAfterMs: Math.round(invocableMs), ...(failed ? { firstError: answers.find((a) => !a.ok).error } : {}) } });
  // Jitter: the reconnect times of the fleet spread out instead of landing at one instant.
  const reconnects = nodes.map((n) => n.history.at(-1).connectedAt - restartedAt).filter((ms) => ms > 0);
  const firstDelays = nodes.map((n) => n.history.find((h) => h.lostAt >= restartedAt)?.delayMs).filter((d) => d !== undefined);
  const spread = Math.max(...firstDelays) - Math.min(...firstDelays);
  // How many nodes came back in each second after the restart, and how many attempts failed first.
  const perSecond = Array.from({ length: Math.ceil(Math.max(...reconnects) / 1000) }, () => 0);
  for (const ms of reconnects) perSecond[Math.floor(ms / 1000)]++;
  const failedAttempts = nodes.reduce((sum, n) => sum + n.failedAttempts, 0);
  figure('spread of the first reconnect delays (jitter)', spread, 'ms', { target: '>= 100', pass: spread >= 100, extra: { firstDelayP10: quantile(firstDelays, 0.1), firstDelayP90: quantile(firstDelays, 0.9), reconnectP10: Math.round(quantile(reconnects, 0.1)), reconnectP50: Math.round(quantile(reconnects, 0.5)), reconnectP90: Math.round(quantile(reconnects, 0.9)), backPerSecond: perSecond, failedAttempts } });
  figure('CPU per returning handshake during the reconnect', gatewayCpuUs, 'µs', { extra: { clientCpuUs: Math.round(clientCpuUs) } });
  figure('ghost or duplicate nodes listed', ghosts, 'nodes', { target: '0', pass: ghosts === 0, extra: { listed: listed.length, connected: listed.filter((n) => n.connected).length } });
  op.close();
  for (const n of nodes) n.stop();
});
