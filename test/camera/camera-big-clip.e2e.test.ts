import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '@openclaw-nodes/core/media';
import { api, type TestGateway } from '../http/http-kit.js';
import { freePort } from '../support/free-port.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { runCli, startHost } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { peakRss, rssOf } from '../media/media-oob-kit.js';
import { requireFfmpeg, startApprovedCameraNode } from './camera-fixtures.js';
import { trustLocalProofOf } from '../support/local-proof.js';

const MB = 1024 * 1024;
/** Far below the clip's size: a side that held the clip (or its base64) in memory would pass it. */
const RSS_GROWTH_BOUND = 24 * MB;

let home: { path: string; cleanup: () => void };
let gateway: ReturnType<typeof startHost>;
let node: Awaited<ReturnType<typeof startApprovedCameraNode>>;
let gw: TestGateway;
let source: string;

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-camera-big-');
  // An H.264 file at a constant 32 Mbit/s, ~40 MB for 10 s: a camera whose clips are far past any frame.
  source = join(home.path, 'camera-720p.mp4');
  const made = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-t', '10', '-c:v', 'libx264', '-preset', 'ultrafast',
    '-b:v', '32M', '-minrate', '32M', '-maxrate', '32M', '-bufsize', '32M', '-x264-params', 'nal-hrd=cbr', '-pix_fmt', 'yuv420p', source]);
  expect(made.status, String(made.stderr)).toBe(0);
  const mpeg4Path = join(home.path, 'camera-mpeg4.mkv');
  expect(spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-t', '1', '-c:v', 'mpeg4', mpeg4Path]).status).toBe(0);
  const port = await freePort();
  const state = join(home.path, 'gw');
  spawnSync('mkdir', ['-p', state]);
  writeFileSync(join(state, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TEST_TOKEN }, nodes: { commands: { allow: ['camera.clip'] } } } }), { mode: 0o600 });
  gateway = startHost('gateway', ['--port', String(port)], { ...process.env, OPENCLAW_STATE_DIR: state }, /listening on/);
  await gateway.started;
  trustLocalProofOf(state);
  // The test helpers reach a gateway by its url alone.
  gw = { url: `ws://127.0.0.1:${port}` } as TestGateway;
  const camera = { enabled: true, devices: false, sources: [
    { id: 'file', name: 'H.264 File', input: source, copyVideo: true, position: 'front' },
    { id: 'mpeg4', name: 'MPEG-4 File', input: mpeg4Path, copyVideo: true },
  ] };
  node = await startApprovedCameraNode(gw, home.path, 'Big Cam', camera);
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await gateway?.stop();
  home?.cleanup();
});

const clip = () =>
  runCli(['nodes', 'camera', 'clip', '--node', 'Big Cam', '--device-id', 'file', '--duration', '10s', '--no-audio', '--json', '--url', gw.url, '--token', TEST_TOKEN], { ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'cli') }, 120_000);

describe('a camera clip far past the inline limit', () => {
  it('goes out of band to a CLI file that decodes, with the gateway and node RSS flat', { timeout: 240_000 }, async () => {
    const warm = await clip();
    expect(warm, warm.stderr).toMatchObject({ code: 0, stderr: '' });
    const pids = [gateway.child.pid!, node.child.pid!];
    const baseline = pids.map(rssOf);
    const { result, peaks } = await peakRss(pids, clip);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const { file } = JSON.parse(result.stdout);
    expect(statSync(file.path).size).toBeGreaterThan(30 * MB);
    const info = await probeMedia(file.path);
    expect(info).toMatchObject({ videoCodec: 'h264', width: 1280, height: 720, hasAudio: false });
    expect(Math.abs(info.durationMs! - 10_000)).toBeLessThanOrEqual(1_000);
    peaks.forEach((peak, i) => expect(peak - baseline[i], `${i === 0 ? 'gateway' : 'node'} RSS growth`).toBeLessThan(RSS_GROWTH_BOUND));
    // It travelled as an upload, not in a frame.
    expect(Number(/openclaw_media_uploaded_bytes_total (\d+)/.exec((await api(gw, '/metrics')).text)?.[1])).toBeGreaterThan(60 * MB);
  });

  it('refuses to copy video that is not H.264 into a clip, naming the source', async () => {
    const refused = await runCli(['nodes', 'camera', 'clip', '--node', 'Big Cam', '--device-id', 'mpeg4', '--duration', '500', '--no-audio', '--url', gw.url, '--token', TEST_TOKEN], { ...process.env, HOME: home.path }, 60_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('nodes camera clip failed: CAMERA_UNAVAILABLE: MPEG-4 File sends mpeg4 video, not H.264; remove copyVideo from its source in plugins.options.camera.sources\n');
  });
});
