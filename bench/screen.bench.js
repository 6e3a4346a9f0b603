/**
 * @module
 * Screen capture with real processes on loopback: Xvfb (1280x720, a painted root window),
 * our gateway (`openclaw gateway run --allow-command screen.record`), our desktop node host
 * (`openclaw node run --desktop` running system + screen) and an operator in this process.
 * Measures `screen.record` overhead — wall time of a 3 s recording through the gateway minus
 * the 3 s asked for: ffmpeg start-up, x11grab, H.264 encoding of the tail, probing and base64
 * back — and the `screen.snapshot` round trip (PNG, full size).
 * Needs Xvfb, x11-utils and ffmpeg (apt-get install xvfb x11-utils x11-xserver-utils ffmpeg).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantile } from './lib/measure.js';
import { approveFirstNode, freePort, operator, result, startOpenclaw, until, shareGatewayProof } from './lib/processes.js';
import { startXvfb } from './lib/xvfb.js';

const TOKEN = 'bench-token';
const RECORD_RUNS = Number(process.env.BENCH_RECORDS ?? 7);
const SNAPSHOT_RUNS = Number(process.env.BENCH_SNAPSHOTS ?? 20);
const RECORD_MS = 3_000;

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-screen-'));
const children = [];
try {
  const xvfb = await startXvfb('1280x720x24');
  children.push(xvfb.child);
  execFileSync('xsetroot', ['-display', xvfb.display, '-solid', '#3366cc']);
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  children.push(
    await startOpenclaw(['gateway', 'run', '--port', String(port), '--token', TOKEN, '--allow-command', 'screen.record'], {
      env: { OPENCLAW_STATE_DIR: join(root, 'gw'), HOME: root },
      ready: (out) => out.includes('listening'),
    }),
  );
  const config = join(root, 'node.json');
  writeFileSync(config, JSON.stringify({ plugins: { enabled: ['system', 'screen'] } }));
  shareGatewayProof(root);
  children.push(
    await startOpenclaw(['node', 'run', '--desktop', '--port', String(port), '--display-name', 'bench-screen'], {
      env: { OPENCLAW_STATE_DIR: join(root, 'node'), OPENCLAW_CONFIG_PATH: config, OPENCLAW_GATEWAY_TOKEN: TOKEN, HOME: root, DISPLAY: xvfb.display },
      ready: (out) => out.includes('connected'),
      timeoutMs: 60_000,
    }),
  );

  const op = await operator(url, TOKEN);
  const { invoke } = await approveFirstNode(op, 60_000);
  await until(async () => ((await invoke('screen.snapshot', { maxWidth: 64 }).catch(() => undefined)) ? true : undefined), 20_000);

  const timed = async (runs, warmup, fn) => {
    for (let i = 0; i < warmup; i++) await fn();
    const samples = [];
    let last;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      last = await fn();
      samples.push(performance.now() - t0);
    }
    return { samples, last };
  };

  const record = await timed(RECORD_RUNS, 1, async () => (await invoke('screen.record', { durationMs: RECORD_MS, fps: 10, includeAudio: false })).payload);
  const overhead = record.samples.map((ms) => ms - RECORD_MS);
  result('screen.record.overhead', 'ms', quantile(overhead, 0.5), quantile(overhead, 0.9), RECORD_RUNS, '<= 700', {
    requestedMs: RECORD_MS,
    recordedMs: record.last.durationMs,
    video: `${record.last.width}x${record.last.height}@${record.last.fps}`,
    kb: Math.round((record.last.base64.length * 3) / 4 / 1024),
    path: 'operator -> gateway -> desktop node (ffmpeg x11grab -> H.264 MP4, ffprobe) -> base64 back',
  });

  const snap = await timed(SNAPSHOT_RUNS, 2, async () => (await invoke('screen.snapshot', { format: 'png' })).payload);
  result('screen.snapshot.png', 'ms', quantile(snap.samples, 0.5), quantile(snap.samples, 0.9), SNAPSHOT_RUNS, undefined, {
    image: `${snap.last.width}x${snap.last.height}`,
    kb: Math.round((snap.last.base64.length * 3) / 4 / 1024),
  });
  op.close();
} finally {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1_000));
  rmSync(root, { recursive: true, force: true });
}
