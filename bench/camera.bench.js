/**
 * @module
 * Camera photos with real processes on loopback: our gateway (`openclaw gateway run`, with
 * camera.snap allowed), a headless node host (`openclaw node run`) whose camera is a
 * configured 640x480 lavfi source, and an operator in this process. Measures the snap round
 * trip — invoke through the gateway, ffmpeg grabbing a frame on the node, sharp encoding the
 * JPEG, base64 back, the file written the way the CLI writes it — and the wall time of the
 * whole `openclaw nodes camera snap --facing front` command. Then a 60 s 1080p clip of 50+ MB
 * through the camera plugin, out of band to the CLI: the node's camera is an H.264 file made
 * here once (ffmpeg testsrc2, 1920x1080, 30 fps, a constant 8 Mbit/s, about 35 s of encoding)
 * and configured with `copyVideo`, so the clip is the camera's own stream rather than a
 * re-encode that would take minutes on a small machine and shrink it; measured are throughput
 * (clip bytes over the whole `openclaw nodes camera clip --json` command) and the gateway's
 * and node's RSS growth over their warmed-up baselines. Needs ffmpeg.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { timeMediaCli } from './lib/cli-media.js';
import { quantile } from './lib/measure.js';
import { BIN, freePort, operator, peakRssMb, result, rssMb, startOpenclaw, until, shareGatewayProof } from './lib/processes.js';

const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_SNAPS ?? 40);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 10);
const CLIP_RUNS = Number(process.env.BENCH_CLIP_RUNS ?? 3);
const SOURCE = { id: 'bench', name: 'Bench Pattern', format: 'lavfi', input: 'testsrc2=size=640x480:rate=30', position: 'front' };
const MB = 1024 * 1024;

/** A 61 s 1080p H.264 file at a constant 8 Mbit/s (about 61 MB): the big camera's stream. */
function makeBigClipSource(path) {
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30', '-t', '61', '-c:v', 'libx264', '-preset', 'ultrafast'];
  const cbr = ['-b:v', '8M', '-minrate', '8M', '-maxrate', '8M', '-bufsize', '8M', '-x264-params', 'nal-hrd=cbr', '-pix_fmt', 'yuv420p'];
  const made = spawnSync('ffmpeg', [...args, ...cbr, path]);
  if (made.status !== 0) throw new Error(`could not make the 1080p source: ${made.stderr}`);
}

/** `openclaw nodes camera clip --json` of the big camera; resolves with its file entry. */
function bigClip(args, env) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { env, maxBuffer: MB }, (err, stdout, stderr) => (err ? reject(new Error(`camera clip failed: ${stderr}`)) : resolve(JSON.parse(stdout).file)));
  });
}

if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).error) throw new Error('ffmpeg is missing: apt-get install ffmpeg');
const { writeMediaFile, openclawTempDir } = await import('../core/dist/media.js');

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-camera-'));
const children = [];
const config = (dir, value) => {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, 'openclaw.json'), JSON.stringify(value), { mode: 0o600 });
};
try {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const bigSource = join(root, 'camera-1080p.mp4');
  makeBigClipSource(bigSource);
  const BIG = { id: 'big', name: 'Bench 1080p', input: bigSource, copyVideo: true, position: 'back' };
  config('gw', { gateway: { nodes: { commands: { allow: ['camera.snap', 'camera.clip'] } } } });
  config('node', { plugins: { enabled: ['system', 'camera'], options: { camera: { enabled: true, devices: false, sources: [SOURCE, BIG] } } } });
  children.push(await startOpenclaw(['gateway', 'run', '--port', String(port), '--token', TOKEN], { env: { OPENCLAW_STATE_DIR: join(root, 'gw'), HOME: root }, ready: (out) => out.includes('listening') }));
  shareGatewayProof(root);
  children.push(
    await startOpenclaw(['node', 'run', '--port', String(port), '--display-name', 'bench-cam'], {
      env: { OPENCLAW_STATE_DIR: join(root, 'node'), OPENCLAW_GATEWAY_TOKEN: TOKEN, HOME: root },
      ready: (out) => out.includes('connected'),
    }),
  );
  const op = await operator(url, TOKEN);
  const pending = await until(async () => (await op.request('node.pair.list', {})).pending[0]);
  await op.request('node.pair.approve', { requestId: pending.requestId });
  const nodeId = pending.nodeId;
  const invoke = (command, params) => op.request('node.invoke', { nodeId, command, params, idempotencyKey: randomUUID() });
  await until(async () => ((await invoke('camera.list', {}).catch(() => undefined)) ? true : undefined));

  const snap = async () => {
    const { payload } = await invoke('camera.snap', { facing: 'front', format: 'jpg' });
    unlinkSync(await writeMediaFile(payload.base64, 'openclaw-camera-snap-front', 'jpg'));
    return payload;
  };
  for (let i = 0; i < 5; i++) await snap();
  const samples = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await snap();
    samples.push(performance.now() - t0);
  }
  result('camera.snap', 'ms', quantile(samples, 0.5), quantile(samples, 0.9), RUNS, '<= 400', {
    image: `${last.width}x${last.height}`,
    kb: Math.round((last.base64.length * 3) / 4 / 1024),
    path: 'operator -> gateway -> node (ffmpeg frame grab, sharp JPEG 0.9) -> file',
  });

  const args = ['nodes', 'camera', 'snap', '--node', 'bench-cam', '--facing', 'front', '--json', '--url', url, '--token', TOKEN];
  const env = { ...process.env, HOME: root, OPENCLAW_STATE_DIR: join(root, 'cli') };
  timeMediaCli('cli.camera-snap', args, { env, runs: CLI_RUNS, mediaDir: openclawTempDir(), prefix: 'openclaw-camera-snap-' });
  op.close();

  const clipArgs = ['nodes', 'camera', 'clip', '--node', 'bench-cam', '--device-id', 'big', '--duration', '60s', '--no-audio', '--json', '--url', url, '--token', TOKEN];
  rmSync((await bigClip(clipArgs, env)).path); // warm-up: code paths and the page cache
  const pids = children.map((c) => c.pid);
  const rates = [];
  const growth = [[], []];
  let bytes = 0;
  for (let i = 0; i < CLIP_RUNS; i++) {
    const baseline = pids.map(rssMb);
    const t0 = performance.now();
    const { value: file, peaks } = await peakRssMb(pids, () => bigClip(clipArgs, env));
    bytes = statSync(file.path).size;
    rates.push(bytes / 1e6 / ((performance.now() - t0) / 1000));
    rmSync(file.path);
    peaks.forEach((peak, j) => growth[j].push(peak - baseline[j]));
  }
  const clip = { bytes, durationMs: 60_000, size: '1920x1080', source: 'H.264 file, copyVideo', path: 'node ffmpeg -> HTTP upload -> gateway disk -> HTTP download -> CLI MEDIA file' };
  result('camera.clip.1080p.throughput', 'MB/s', quantile(rates, 0.5), quantile(rates, 0.1), CLIP_RUNS, undefined, { ...clip, p90: 'the 10th percentile (a slow run)' });
  result('camera.clip.1080p.gateway.rss.growth', 'MiB', quantile(growth[0], 0.5), quantile(growth[0], 0.9), CLIP_RUNS, '<= 10', clip);
  result('camera.clip.1080p.node.rss.growth', 'MiB', quantile(growth[1], 0.5), quantile(growth[1], 0.9), CLIP_RUNS, '<= 10', clip);
} finally {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1_000));
  rmSync(root, { recursive: true, force: true });
}
