import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '@openclaw-nodes/core/media';
import { alive, descendants } from '../canvas/processes.js';
import { freePort } from '../support/free-port.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { runCli } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { api, httpBase, type TestGateway } from '../http/http-kit.js';
import { envSpyPath, patternSource, requireFfmpeg, servedCamera, startApprovedCameraNode } from './camera-fixtures.js';

let gw: TestGateway;
let home: { path: string; cleanup: () => void };
let camera: ReturnType<typeof servedCamera>;
let node: Awaited<ReturnType<typeof startApprovedCameraNode>>;
const written: string[] = [];

const cli = (...args: string[]) =>
  runCli(['nodes', 'camera', ...args, '--node', 'Cam Node', '--url', gw.url, '--token', TEST_TOKEN], { ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'cli'), NO_COLOR: '1' }, 90_000);
const invoke = (command: string, params: unknown, timeoutMs?: number) => api(gw, '/v1/nodes/Cam%20Node/invoke', { method: 'POST', body: { command, params, ...(timeoutMs === undefined ? {} : { timeoutMs }) } });

/** The files `MEDIA:<path>` lines name; removed after the run, since the CLI never cleans up. */
function mediaPaths(stdout: string): string[] {
  const paths = [...stdout.matchAll(/^MEDIA:(.+)$/gm)].map((m) => m[1]);
  written.push(...paths);
  return paths;
}

const within10 = (actual: number, asked: number) => expect(Math.abs(actual - asked), `${actual} ms for ${asked} ms`).toBeLessThanOrEqual(asked * 0.1);

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-camera-e2e-');
  camera = servedCamera(await freePort());
  gw = await startTestGateway({ commands: { allow: ['camera.snap', 'camera.clip'] } });
  const spy = envSpyPath(home.path);
  node = await startApprovedCameraNode(gw, home.path, 'Cam Node', { enabled: true, devices: false, sources: [patternSource(), camera.source] }, { PATH: `${spy}:${process.env.PATH}` });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  camera?.stop();
  await gw?.stop();
  for (const path of written) rmSync(path, { force: true });
  home?.cleanup();
});

describe('camera on a headless node through the gateway and the CLI', () => {
  it('advertises the camera cap, its three commands and truthful permissions', async () => {
    const described = (await api(gw, '/v1/nodes/Cam%20Node')).json;
    expect(described.caps).toContain('camera');
    expect(described.commands).toEqual(expect.arrayContaining(['camera.list', 'camera.snap', 'camera.clip']));
    expect(described.permissions).toMatchObject({ 'camera.capture': true, microphone: false });
  });

  it('lists the configured cameras as a table and as JSON', async () => {
    const table = await cli('list');
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toBe('Cameras\nName            Position  ID\nTest Pattern    front     pattern\nNetwork Camera  back      net\n');
    const json = JSON.parse((await cli('list', '--json')).stdout);
    expect(json).toEqual([
      { id: 'pattern', name: 'Test Pattern', position: 'front', deviceType: 'configured' },
      { id: 'net', name: 'Network Camera', position: 'back', deviceType: 'configured' },
    ]);
  });

  it('snaps front then back by default, one MEDIA line and one decodable JPEG within maxWidth each', async () => {
    const both = await cli('snap', '--max-width', '200');
    expect(both).toMatchObject({ code: 0, stderr: '' });
    const [front, back] = mediaPaths(both.stdout);
    expect(basename(front)).toMatch(/^openclaw-camera-snap-front-[0-9a-f-]{36}\.jpg$/);
    expect(basename(back)).toMatch(/^openclaw-camera-snap-back-[0-9a-f-]{36}\.jpg$/);
    for (const path of [front, back]) expect(await sharp(readFileSync(path)).metadata()).toMatchObject({ format: 'jpeg', width: 200, height: 150 });

    const json = await cli('snap', '--facing', 'back', '--quality', '0.5', '--delay-ms', '300', '--json');
    const { files } = JSON.parse(json.stdout);
    written.push(...files.map((f: { path: string }) => f.path));
    expect(files).toEqual([{ facing: 'back', path: expect.stringMatching(/openclaw-camera-snap-back-.*\.jpg$/), width: 320, height: 240 }]);
    expect(await sharp(readFileSync(files[0].path)).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
  });

  it('records a clip of the asked length with sound, and without it on --no-audio', async () => {
    const clip = await cli('clip', '--device-id', 'pattern', '--duration', '2s');
    expect(clip).toMatchObject({ code: 0, stderr: '' });
    const [path] = mediaPaths(clip.stdout);
    expect(basename(path)).toMatch(/^openclaw-camera-clip-front-[0-9a-f-]{36}\.mp4$/);
    const info = await probeMedia(path);
    expect(info).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', hasAudio: true, width: 320, height: 240 });
    within10(info.durationMs!, 2_000);

    const mute = JSON.parse((await cli('clip', '--duration', '1500', '--no-audio', '--json')).stdout).file;
    written.push(mute.path);
    expect(mute).toMatchObject({ facing: 'front', hasAudio: false });
    within10(mute.durationMs, 1_500);
    expect(await probeMedia(mute.path)).toMatchObject({ hasAudio: false, hasVideo: true });
  });

  it('captures from a network camera served over HTTP by a second ffmpeg, in real time', async () => {
    await camera.listening();
    const snap = await invoke('camera.snap', { deviceId: 'net', maxWidth: 160 });
    expect(snap.status).toBe(200);
    expect(await sharp(Buffer.from(snap.json.payload.base64, 'base64')).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
    await camera.listening();
    const clip = await invoke('camera.clip', { deviceId: 'net', durationMs: 1_500 });
    expect(clip.json.payload).toMatchObject({ format: 'mp4', hasAudio: false, audioReason: expect.stringContaining('Network Camera has no audio stream') });
    within10(clip.json.payload.durationMs, 1_500);
  });

  it('clamps what the contract clamps', async () => {
    const short = await invoke('camera.clip', { deviceId: 'pattern', durationMs: 10, includeAudio: false });
    within10(short.json.payload.durationMs, 250);
    const wide = await invoke('camera.snap', { deviceId: 'pattern', maxWidth: 0, quality: 7, delayMs: -1 });
    expect(wide.json.payload).toMatchObject({ format: 'jpg', width: 320, height: 240 });
  });

  it('refuses an unknown device, and bad flags before anything is sent', async () => {
    expect(await cli('snap', '--device-id', '/dev/video0')).toMatchObject({
      code: 1,
      stderr: 'nodes camera snap failed: INVALID_REQUEST: unknown deviceId "/dev/video0" (known: pattern, net)\n',
    });
    expect((await cli('snap', '--facing', 'side')).stderr).toBe('nodes camera snap failed: invalid facing: side (expected front|back|both)\n');
    expect((await cli('clip', '--duration', '5x')).stderr).toBe('nodes camera clip failed: invalid duration: 5x\n');
    // Past what a number of milliseconds can hold: refused, as `nodes screen record` does, not sent.
    expect((await cli('clip', '--duration', '99999999999999999999d')).stderr).toBe('nodes camera clip failed: invalid duration: 99999999999999999999d\n');
    expect((await cli('snap', '--quality', '2')).stderr).toBe('nodes camera snap failed: --quality must be a number between 0 and 1, got "2"\n');
  });

  it('serves photos and clips as bytes over HTTP, listed in the OpenAPI document', async () => {
    const headers = { authorization: `Bearer ${TEST_TOKEN}` };
    const photo = await fetch(`${httpBase(gw)}/v1/nodes/Cam%20Node/camera/snap?deviceId=pattern&maxWidth=240`, { headers });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 240 });
    const clip = await fetch(`${httpBase(gw)}/v1/nodes/Cam%20Node/camera/clip?deviceId=pattern&durationMs=500&includeAudio=false`, { headers });
    expect(clip.status).toBe(200);
    expect(clip.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await clip.arrayBuffer()).subarray(4, 8).toString('latin1')).toBe('ftyp');
    const doc = (await api(gw, '/v1/openapi.json')).json;
    expect(Object.keys(doc.paths['/v1/nodes/{node}/camera/snap'].get.responses['200'].content)).toEqual(['image/jpeg']);
    expect(Object.keys(doc.paths['/v1/nodes/{node}/camera/clip'].get.responses['200'].content)).toEqual(['video/mp4']);
    expect((await fetch(`${httpBase(gw)}/v1/nodes/Cam%20Node/camera/snap?deviceId=pattern`)).status).toBe(401);
  });

  it('never hands ffmpeg or ffprobe the node host credentials', async () => {
    await invoke('camera.clip', { deviceId: 'pattern', durationMs: 300 });
    for (const tool of ['ffmpeg', 'ffprobe']) {
      const env = readFileSync(join(home.path, `${tool}.env`), 'utf8');
      expect(env).toMatch(/^PATH=/m);
      expect(env).not.toContain(TEST_TOKEN);
      expect(env).not.toMatch(/^OPENCLAW_/m);
    }
  });

  it('kills the recording ffmpeg when the call is cancelled by its timeout', async () => {
    const pid = node.child.pid!;
    await camera.listening();
    const recording = invoke('camera.clip', { deviceId: 'net', durationMs: 30_000 }, 1_500);
    const ffmpeg = await poll(async () => descendants(pid).find((p) => p.cmdline.includes('cam.mjpg') && p.cmdline.includes('libx264'))?.pid, 'ffmpeg recording');
    const answer = await recording;
    expect(answer.json.error).toMatchObject({ code: 'TIMEOUT' });
    await poll(async () => (alive([ffmpeg]).length === 0 ? true : undefined), 'ffmpeg killed');
  });
});
