import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '@openclaw-nodes/core/media';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import type { RawClient } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';
import { api, type TestGateway } from '../http/http-kit.js';
import { alive, descendants } from '../canvas/processes.js';
import { operator, startDesktopNode } from '../canvas/desktop-node.js';
import { startXvfb, type Xvfb } from '../canvas/xvfb.js';
import { BLUE, frameColour, near, RED, startPaintedScreens, startPulseAudio } from './screen-fixture.js';
import { poll } from '../support/poll.js';

let xvfb: Xvfb;
let gw: TestGateway;
let op: RawClient;
let dir: { path: string; cleanup: () => void };
const stops: Array<() => Promise<void> | void> = [];

/** A desktop node host running only system + screen (no canvas window over the paint), approved. */
async function startScreenNode(gateway: TestGateway, operatorClient: RawClient, env: Record<string, string | undefined>, displayName: string, options?: Record<string, unknown>) {
  const node = await startDesktopNode(gateway.url, operatorClient, env, displayName, { enabled: ['system', 'screen'], options: { screen: options ?? {} } });
  stops.push(() => node.stop());
  return node;
}
let desk: Awaited<ReturnType<typeof startScreenNode>>;

/** Writes an inline media answer to a file, for ffprobe/ffmpeg to read as a user's player would. */
function saved(payload: { base64: string }, name: string): string {
  const path = join(dir.path, name);
  writeFileSync(path, Buffer.from(payload.base64, 'base64'));
  return path;
}

const ffmpegChildren = () => descendants(process.pid).filter((p) => /(^|\/)ffmpeg /.test(p.cmdline));

beforeAll(async () => {
  xvfb = await startPaintedScreens();
  dir = tempDir('openclaw-screen-clips-');
  gw = await startTestGateway({ commands: { allow: ['screen.record'] } });
  op = await operator(gw.url);
  // No sound server: XDG_RUNTIME_DIR points where none listens.
  desk = await startScreenNode(gw, op, { PATH: process.env.PATH, HOME: dir.path, DISPLAY: xvfb.display, XDG_RUNTIME_DIR: join(dir.path, 'run') }, 'Screen Desk');
}, 60_000);

afterAll(async () => {
  while (stops.length) await stops.pop()!();
  op?.close();
  await gw?.stop();
  await xvfb?.stop();
  dir?.cleanup();
});

describe('screen capture on a desktop node, through the gateway', () => {
  it('announces the screen cap, both commands and a granted screenRecording permission', async () => {
    const { payload } = await op.request('node.describe', { nodeId: desk.nodeId });
    expect(payload.caps).toEqual(expect.arrayContaining(['system', 'screen']));
    expect(payload.commands).toEqual(expect.arrayContaining(['screen.record', 'screen.snapshot']));
    expect(payload.permissions).toMatchObject({ screenRecording: true });
  });

  it('records display 0 as H.264 MP4 of the asked length, fps and size, showing its red', async () => {
    const res = await desk.invoke('screen.record', { durationMs: 2000, fps: 10, screenIndex: 0, includeAudio: true, format: 'mp4' }, 30_000);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    const result = res.payload.payload;
    expect(result).toMatchObject({ format: 'mp4', fps: 10, screenIndex: 0, width: 320, height: 240, hasAudio: false });
    // Asked for sound, but no sound server runs: the answer says so instead of failing.
    expect(result.audioUnavailable).toMatch(/no PulseAudio or PipeWire server answers at .*pulse\/native/);
    const clip = saved(result, 'red.mp4');
    const info = await probeMedia(clip);
    expect(info).toMatchObject({ videoCodec: 'h264', width: 320, height: 240, fps: 10, hasAudio: false });
    expect(Math.abs(info.durationMs! - 2000)).toBeLessThanOrEqual(200);
    expect(result.durationMs).toBe(info.durationMs);
    // Away from the centre, where the X pointer is drawn.
    expect(near(await frameColour(clip, 40, 40, 1), RED), String(await frameColour(clip, 40, 40, 1))).toBe(true);
  });

  it('records the second display by index, in its own size and colour', async () => {
    const res = await desk.invoke('screen.record', { durationMs: 1000, fps: 5, screenIndex: 1, includeAudio: false }, 30_000);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    expect(res.payload.payload).toMatchObject({ screenIndex: 1, width: 160, height: 120, fps: 5, hasAudio: false });
    expect(res.payload.payload.audioUnavailable).toBeUndefined();
    const clip = saved(res.payload.payload, 'blue.mp4');
    expect(Math.abs((await probeMedia(clip)).durationMs! - 1000)).toBeLessThanOrEqual(100);
    expect(near(await frameColour(clip, 20, 20, 0.5), BLUE)).toBe(true);
  });

  it('refuses a screen index past the real displays with INVALID_REQUEST: Invalid screen index N', async () => {
    const res = await desk.invoke('screen.record', { screenIndex: 2, durationMs: 500 });
    expect(res.ok).toBe(false);
    expect(res.error.details.nodeError).toEqual({ code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: Invalid screen index 2 (this node has 2 displays: 0..1)' });
    const snap = await desk.invoke('screen.snapshot', { screenIndex: 7 });
    expect(snap.error.details.nodeError.message).toMatch(/^INVALID_REQUEST: Invalid screen index 7/);
  });

  it('clamps a too-short duration to 250 ms and a too-high fps to 60, and refuses formats other than mp4', async () => {
    const res = await desk.invoke('screen.record', { durationMs: 1, fps: 500, includeAudio: false }, 30_000);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    expect(res.payload.payload.fps).toBe(60);
    const info = await probeMedia(saved(res.payload.payload, 'short.mp4'));
    expect(Math.abs(info.durationMs! - 250)).toBeLessThanOrEqual(50);
    const mov = await desk.invoke('screen.record', { format: 'mov' });
    expect(mov.error.details.nodeError).toEqual({ code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: format: screen format must be mp4' });
  });

  it('snapshots a display as PNG, or as JPEG downscaled to maxWidth', async () => {
    const png = await desk.invoke('screen.snapshot', { screenIndex: 1 });
    expect(png.payload.payload).toMatchObject({ format: 'png', width: 160, height: 120, screenIndex: 1 });
    const { data, info } = await sharp(Buffer.from(png.payload.payload.base64, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 160, height: 120 });
    expect([...data.subarray(0, 3)]).toEqual(BLUE);
    const jpeg = await desk.invoke('screen.snapshot', { format: 'jpg', maxWidth: 100 });
    expect(jpeg.payload.payload).toMatchObject({ format: 'jpeg', width: 100, height: 75 });
    expect((await sharp(Buffer.from(jpeg.payload.payload.base64, 'base64')).metadata()).format).toBe('jpeg');
  });

  it('kills ffmpeg when the gateway gives up on a recording, leaving nothing running', async () => {
    const call = desk.invoke('screen.record', { durationMs: 60_000, includeAudio: false }, 2_000);
    const recording = await poll(() => (ffmpegChildren().length > 0 ? ffmpegChildren() : undefined), 'ffmpeg recording');
    const res = await call;
    expect(res.ok).toBe(false);
    expect(res.error.details.nodeError.code).toBe('TIMEOUT');
    // The cancel reaches the node; its ffmpeg must not record on for the full 60 s, which
    // outlasts the wait, so only the cancel can end it in time.
    await poll(() => (alive(recording.map((p) => p.pid)).length === 0 ? true : undefined), 'every ffmpeg gone');
  });

  it('serves the recording and the snapshot as bytes over HTTP with their Content-Type, listed in the OpenAPI document', async () => {
    const base = gw.url.replace(/^ws/, 'http');
    const video = await fetch(`${base}/v1/nodes/${desk.nodeId}/screen/record?durationMs=500&fps=5&includeAudio=false`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const bytes = Buffer.from(await video.arrayBuffer());
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const image = await fetch(`${base}/v1/nodes/${desk.nodeId}/screen/snapshot?format=png&maxWidth=64`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(64);
    expect((await fetch(`${base}/v1/nodes/${desk.nodeId}/screen/snapshot`)).status).toBe(401);
    const bad = await api(gw, `/v1/nodes/${desk.nodeId}/screen/record?includeAudio=maybe`);
    expect(bad.status).toBe(400);
    const { paths } = (await api(gw, '/v1/openapi.json')).json;
    expect(paths['/v1/nodes/{node}/screen/record'].get.responses['200'].content).toHaveProperty('video/mp4');
    expect(paths['/v1/nodes/{node}/screen/snapshot'].get.responses['200'].content).toHaveProperty('image/jpeg');
  });
});

describe('screen recording with sound', () => {
  it('records AAC sound from a PulseAudio server in the session', async () => {
    const sound = await startPulseAudio(join(dir.path, 'pulse'));
    stops.push(sound.stop);
    const node = await startScreenNode(gw, op, { PATH: process.env.PATH, HOME: dir.path, DISPLAY: xvfb.display, XDG_RUNTIME_DIR: sound.runtimeDir }, 'Sound Desk');
    const res = await node.invoke('screen.record', { durationMs: 1000, fps: 5, includeAudio: true }, 30_000);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    expect(res.payload.payload).toMatchObject({ hasAudio: true });
    expect(res.payload.payload.audioUnavailable).toBeUndefined();
    const info = await probeMedia(saved(res.payload.payload, 'sound.mp4'));
    expect(info).toMatchObject({ hasAudio: true, audioCodec: 'aac', videoCodec: 'h264' });
    expect(Math.abs(info.durationMs! - 1000)).toBeLessThanOrEqual(150);
    // --no-audio leaves the server alone.
    const silent = await node.invoke('screen.record', { durationMs: 300, includeAudio: false }, 30_000);
    expect(silent.payload.payload).toMatchObject({ hasAudio: false });
  });
});

describe('screen capture refused', () => {
  let gw2: TestGateway;
  let op2: RawClient;
  let headless: Awaited<ReturnType<typeof startScreenNode>>;

  beforeAll(async () => {
    gw2 = await startTestGateway();
    stops.push(() => gw2.stop());
    op2 = await operator(gw2.url);
    stops.push(() => op2.close());
    headless = await startScreenNode(gw2, op2, { PATH: process.env.PATH, HOME: dir.path }, 'No Screen');
  }, 60_000);

  it('keeps screen.record from every node until gateway.nodes.commands.allow names it', async () => {
    const res = await headless.invoke('screen.record', { durationMs: 500 });
    expect(res.error).toMatchObject({ message: expect.stringContaining('"screen.record" requires explicit gateway.nodes.commands.allow opt-in') });
  });

  it('answers NODE_BACKGROUND_UNAVAILABLE on a node without a display, before looking at params', async () => {
    const res = await headless.invoke('screen.snapshot', { screenIndex: 99 });
    expect(res.error.details.nodeError).toEqual({ code: 'NODE_BACKGROUND_UNAVAILABLE', message: 'NODE_BACKGROUND_UNAVAILABLE: screen needs a display' });
  });

  it('answers SCREEN_PERMISSION_REQUIRED when the X server refuses the node, and reports the permission as not granted', async () => {
    // An X server that wants a cookie the node does not have.
    const cookies = join(dir.path, 'server.xauth');
    execFileSync('xauth', ['-f', cookies, 'add', ':0', '.', randomBytes(16).toString('hex')]);
    const locked = await startXvfb('160x120x24', ['-auth', cookies]);
    stops.push(() => locked.stop());
    const node = await startScreenNode(gw2, op2, { PATH: process.env.PATH, HOME: dir.path, DISPLAY: locked.display }, 'Locked Screen');
    const res = await node.invoke('screen.snapshot', {});
    expect(res.error.details.nodeError.code).toBe('SCREEN_PERMISSION_REQUIRED');
    expect(res.error.details.nodeError.message).toMatch(/^SCREEN_PERMISSION_REQUIRED: the X server at :\d+ refused this user; give the node the session's XAUTHORITY/);
    expect((await op2.request('node.describe', { nodeId: node.nodeId })).payload.permissions).toMatchObject({ screenRecording: false });
  });

  it('answers SCREEN_UNAVAILABLE saying what to install when ffmpeg is missing, and at once on Wayland', async () => {
    const noFfmpeg = await startScreenNode(gw2, op2, { PATH: process.env.PATH, HOME: dir.path, DISPLAY: xvfb.display }, 'No Ffmpeg', { ffmpegPath: '/nonexistent/ffmpeg' });
    const res = await noFfmpeg.invoke('screen.snapshot', {});
    expect(res.error.details.nodeError).toEqual({
      code: 'SCREEN_UNAVAILABLE',
      message: 'SCREEN_UNAVAILABLE: /nonexistent/ffmpeg is not installed or not on PATH (install ffmpeg, e.g. apt-get install ffmpeg); screen capture needs it',
    });
    const wayland = await startScreenNode(gw2, op2, { PATH: process.env.PATH, HOME: dir.path, WAYLAND_DISPLAY: 'wayland-0' }, 'Wayland Desk');
    const refused = await wayland.invoke('screen.snapshot', {}, 5_000);
    expect(refused.error.details.nodeError.code).toBe('SCREEN_UNAVAILABLE');
    expect(refused.error.details.nodeError.message).toMatch(/Wayland session.*XWayland/);
  });
});
