/**
 * @module
 * Camera photos with real processes on loopback: our gateway (`openclaw gateway run`, with
 * camera.snap allowed), a headless node host (`openclaw node run`) whose camera is a
 * configured 640x480 lavfi source, and an operator in this process. Measures the snap round
 * trip — invoke through the gateway, ffmpeg grabbing a frame on the node, sharp encoding the
 * JPEG, base64 back, the file written the way the CLI writes it — and the wall time of the
 * whole `openclaw nodes camera snap --facing front` command. Needs ffmpeg.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { timeMediaCli } from './lib/cli-media.js';
import { quantile } from './lib/measure.js';
import { freePort, operator, result, startOpenclaw, until } from './lib/processes.js';

const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_SNAPS ?? 40);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 10);
const SOURCE = { id: 'bench', name: 'Bench Pattern', format: 'lavfi', input: 'testsrc2=size=640x480:rate=30', position: 'front' };

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
  config('gw', { gateway: { nodes: { commands: { allow: ['camera.snap'] } } } });
  config('node', { plugins: { enabled: ['system', 'camera'], options: { camera: { enabled: true, devices: false, sources: [SOURCE] } } } });
  children.push(await startOpenclaw(['gateway', 'run', '--port', String(port), '--token', TOKEN], { env: { OPENCLAW_STATE_DIR: join(root, 'gw'), HOME: root }, ready: (out) => out.includes('listening') }));
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
} finally {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1_000));
  rmSync(root, { recursive: true, force: true });
}
