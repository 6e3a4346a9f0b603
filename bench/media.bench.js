/**
 * @module
 * Media out of band, with real processes on loopback: our gateway and our headless node host
 * both load the bulk fixture plugin (`bulk.make` delivers a file of N bytes through
 * `deliverMedia`), and our CLI fetches the result (`openclaw nodes bulk make --json`).
 * Measures the end-to-end throughput node → gateway → CLI file (node upload over HTTP, gateway
 * streaming to disk and back, CLI download; CLI start-up and the node writing the file
 * included) and the gateway's and node's RSS growth over their warmed-up baseline during a
 * 50 MB transfer.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { quantile } from './lib/measure.js';
import { BIN, freePort, operator, peakRssMb, result, rssMb, startOpenclaw, until, shareGatewayProof } from './lib/processes.js';

const TOKEN = 'bench-token';
const MB = 1024 * 1024;
const RUNS = Number(process.env.BENCH_MEDIA_RUNS ?? 5);
const THROUGHPUT_MB = Number(process.env.BENCH_MEDIA_MB ?? 100);
const RSS_MB = 50;
const BULK = fileURLToPath(new URL('../test/fixtures/packages/openclaw-plugin-bulk', import.meta.url));

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-media-'));
const children = [];

/** A state dir under `root` whose config loads the bulk plugin. */
function stateDir(name) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  // Every run's file stays stored until it expires: room for all of them on the one node.
  const media = { maxStoredBytesPerNode: 8 * 1024 ** 3, maxStoredBytes: 8 * 1024 ** 3 };
  writeFileSync(join(dir, 'openclaw.json'), JSON.stringify({ plugins: { load: [BULK] }, gateway: { media } }));
  return dir;
}

/** Runs the CLI to fetch `bytes`; resolves with its `--json` file entry (`path`, `deliveringSinceMs`) once it exits 0. */
function fetchWithCli(url, bytes, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'nodes', 'bulk', 'make', '--url', url, '--token', TOKEN, '--node', 'bench-media', '--bytes', String(bytes), '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out).file) : reject(new Error(`CLI exited ${code}: ${out}`))));
  });
}

try {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const gateway = await startOpenclaw(['gateway', 'run', '--port', String(port), '--token', TOKEN], { env: { OPENCLAW_STATE_DIR: stateDir('gw'), HOME: root }, ready: (o) => o.includes('listening') });
  children.push(gateway);
  shareGatewayProof(root);
  const node = await startOpenclaw(['node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', 'bench-media'], {
    env: { OPENCLAW_STATE_DIR: stateDir('node'), OPENCLAW_GATEWAY_TOKEN: TOKEN, HOME: root },
    ready: (o) => o.includes('connected'),
  });
  children.push(node);
  const op = await operator(url, TOKEN);
  const pending = await until(async () => (await op.request('node.pair.list', {})).pending[0]);
  await op.request('node.pair.approve', { requestId: pending.requestId });
  op.close(1000);
  const cliEnv = { ...process.env, OPENCLAW_STATE_DIR: join(root, 'node'), HOME: root };

  // Warm-up: code paths, buffers and the page cache, so the baselines are steady.
  for (let i = 0; i < 2; i++) rmSync((await fetchWithCli(url, THROUGHPUT_MB * MB, cliEnv)).path);

  const rates = [];
  const wall = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const file = await fetchWithCli(url, THROUGHPUT_MB * MB, cliEnv);
    const megabytes = (THROUGHPUT_MB * MB) / 1e6;
    wall.push(megabytes / ((performance.now() - t0) / 1000));
    // From the node handing its file to deliverMedia to the CLI's MEDIA file written: same clock.
    rates.push(megabytes / ((statSync(file.path).mtimeMs - file.deliveringSinceMs) / 1000));
    rmSync(file.path);
  }
  result('media.oob.throughput', 'MB/s', quantile(rates, 0.5), quantile(rates, 0.1), RUNS, '>= 100', {
    bytes: THROUGHPUT_MB * MB,
    path: 'node deliverMedia -> HTTP upload -> gateway disk -> result -> HTTP download -> CLI MEDIA file written',
    p90: 'the 10th percentile (a slow run)',
  });
  result('media.oob.cli.wall', 'MB/s', quantile(wall, 0.5), quantile(wall, 0.1), RUNS, undefined, { note: 'the same runs over the whole CLI command: start-up and the node writing the file included' });

  const growth = [[], []];
  for (let i = 0; i < RUNS; i++) {
    const pids = [gateway.pid, node.pid];
    const baseline = pids.map(rssMb);
    const { value: file, peaks: top } = await peakRssMb(pids, () => fetchWithCli(url, RSS_MB * MB, cliEnv));
    rmSync(file.path);
    top.forEach((peak, j) => growth[j].push(peak - baseline[j]));
  }
  result('media.oob.gateway.rss.growth', 'MiB', quantile(growth[0], 0.5), quantile(growth[0], 0.9), RUNS, '<= 10', { transferMb: RSS_MB });
  result('media.oob.node.rss.growth', 'MiB', quantile(growth[1], 0.5), quantile(growth[1], 0.9), RUNS, undefined, { transferMb: RSS_MB });
} finally {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(root, { recursive: true, force: true });
}
