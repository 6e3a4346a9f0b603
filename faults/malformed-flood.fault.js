/**
 * @module
 * 100,000 malformed frames over 100 authenticated sockets (10,000 over 20 in the bounded
 * form), sent from another process that replaces each socket the gateway closes for too many
 * malformed frames: the gateway does not crash, `nodes status` (`node.list` on another
 * connection) answers in < 100 ms throughout, and the gateway's RSS comes back within 10 MB
 * of what it was before the flood.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { quantile } from '../bench/lib/measure.js';
import { BIN, rssMb } from '../bench/lib/processes.js';
import { figure, runCase, scale, sleep, timed } from './lib/fault-kit.js';
import { attachInspector, inspectorUrl } from './lib/inspector.js';
import { metric, metrics, startStack, TOKEN } from './lib/our-stack.js';

const FRAMES = scale(100_000, 10_000);
const SOCKETS = scale(100, 20);
const FLOOD_MAX_MS = scale(240_000, 60_000);
const RSS_SLACK_MB = 10;
const WORKER = fileURLToPath(new URL('./lib/flood-worker.js', import.meta.url));

await runCase(async ({ root, track }) => {
  const stack = await startStack(root, track, { nodeArgs: ['--inspect=127.0.0.1:0'] });
  const inspector = await attachInspector(inspectorUrl(stack.gateway.output()));
  const heapBefore = await inspector.heap();
  await sleep(2_000);
  const startRss = rssMb(stack.gateway.child.pid);
  // The same probe without a flood, for scale: what this machine's load alone costs.
  const quiet = [];
  for (let i = 0; i < 100; i++) {
    quiet.push((await timed(() => stack.op.request('node.list', {}))).ms);
    await sleep(20);
  }
  const before = await metrics(stack.port);

  const worker = track(spawn(process.execPath, [WORKER, stack.url, TOKEN, String(SOCKETS), String(FRAMES), String(FLOOD_MAX_MS)], { stdio: ['ignore', 'pipe', 'inherit'] }));
  let report = '';
  worker.stdout.on('data', (chunk) => (report += chunk));
  const finished = new Promise((resolve) => worker.once('exit', resolve));
  let running = true;
  finished.then(() => (running = false));

  const probes = [];
  const cli = promisify(execFile)(process.execPath, [BIN, 'nodes', 'status', '--json', '--url', stack.url, '--token', TOKEN], { env: { ...process.env, HOME: root, OPENCLAW_STATE_DIR: `${root}/cli` } });
  const cliTimed = timed(() => cli);
  while (running) {
    probes.push((await timed(() => stack.op.request('node.list', {}))).ms);
    await sleep(20);
  }
  await finished;
  const flood = JSON.parse(report.trim().split('\n').pop() || '{}');
  const after = await metrics(stack.port);
  const rejected = metric(after, 'openclaw_ws_frames_rejected_total') - metric(before, 'openclaw_ws_frames_rejected_total');
  const alive = stack.gateway.child.exitCode === null && stack.gateway.child.signalCode === null;
  figure('malformed frames sent', flood.sent, 'frames', { target: `${FRAMES}`, pass: flood.sent === FRAMES, extra: { sockets: SOCKETS, floodMs: flood.ms, rejectedByGateway: rejected, socketsClosedByGateway: flood.closed, connections: flood.connections, answers: flood.answers } });
  figure('gateway still running', alive ? 1 : 0, 'bool', { target: '1', pass: alive && (await stack.invoke()).ok === true });
  const slowest = Math.max(...probes);
  figure('nodes status (node.list) during the flood, slowest', slowest, 'ms', { target: '< 100', pass: slowest < 100, extra: { p50: Math.round(quantile(probes, 0.5) * 100) / 100, p99: Math.round(quantile(probes, 0.99) * 100) / 100, probes: probes.length } });
  figure('node.list without a flood, slowest', Math.max(...quiet), 'ms', { extra: { p50: Math.round(quantile(quiet, 0.5) * 100) / 100, note: 'informative: the machine alone' } });
  const cliRun = await cliTimed;
  figure('openclaw nodes status --json during the flood, whole process', cliRun.ms, 'ms', { extra: { note: 'process start included; informative' } });

  // Back near the start: the gateway gives heap slack back once sockets have been quiet a while.
  let rss = rssMb(stack.gateway.child.pid);
  for (let waited = 0; rss - startRss > RSS_SLACK_MB && waited < 30_000; waited += 500) {
    await sleep(500);
    rss = rssMb(stack.gateway.child.pid);
  }
  figure('gateway RSS after the flood minus before', rss - startRss, 'MB', { target: `<= ${RSS_SLACK_MB}`, pass: rss - startRss <= RSS_SLACK_MB, extra: { before: startRss, after: rss } });
  const heapAfter = await inspector.heap();
  figure('gateway heap used after the flood minus before', heapAfter.usedMb - heapBefore.usedMb, 'MB', { extra: { before: heapBefore, after: heapAfter, rssAfterGc: rssMb(stack.gateway.child.pid) } });
  inspector.close();
});
