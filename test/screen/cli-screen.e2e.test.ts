import { readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '@openclaw-nodes/core/media';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import type { RawClient } from '../support/raw-client.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { alive, descendants } from '../canvas/processes.js';
import { approveAll, operator } from '../canvas/desktop-node.js';
import type { Xvfb } from '../canvas/xvfb.js';
import { BLUE, frameColour, near, RED, startPaintedScreens } from './screen-fixture.js';
import { shareLocalProof } from '../support/local-proof.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let op: RawClient;
let xvfb: Xvfb;
let home: { path: string; cleanup: () => void };
let node: ReturnType<typeof startProcess> | undefined;
const written: string[] = [];

const cliEnv = () => ({ ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'cli'), NO_COLOR: '1' });
const cli = (...args: string[]) => runCli(['nodes', 'screen', ...args, '--node', 'Screen Desk', '--url', gw.url, '--token', TEST_TOKEN], cliEnv(), 60_000);

/** The file a `MEDIA:<path>` line names (`~` is this test's HOME); removed after the run. */
function mediaPath(stdout: string): string {
  const match = /^MEDIA:(.+)\n$/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  const path = match![1].replace(/^~/, home.path);
  written.push(path);
  return path;
}

beforeAll(async () => {
  xvfb = await startPaintedScreens();
  gw = await startTestGateway({ commands: { allow: ['screen.record'] } });
  op = await operator(gw.url);
  home = tempDir('openclaw-cli-screen-');
  shareLocalProof(gw.stateDir, join(home.path, 'node'));
  // Only system + screen: a canvas window would cover the painted screen.
  writeFileSync(join(home.path, 'openclaw.json'), JSON.stringify({ plugins: { enabled: ['system', 'screen'] } }));
  const nodeEnv = { ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'node'), OPENCLAW_CONFIG_PATH: join(home.path, 'openclaw.json'), OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, DISPLAY: xvfb.display, XDG_RUNTIME_DIR: join(home.path, 'run') };
  node = startProcess(process.execPath, [BIN, 'node', 'run', '--desktop', '--port', String(gw.gateway.port), '--display-name', 'Screen Desk'], nodeEnv, /connected to ws:/);
  await node.started;
  await approveAll(op);
  await poll(async () => ((await runCli(['nodes', 'describe', '--node', 'Screen Desk', '--url', gw.url, '--token', TEST_TOKEN, '--json'], cliEnv())).stdout.includes('screen.record') ? true : undefined), 'screen commands approved');
}, 60_000);

afterAll(async () => {
  await node?.stop();
  op?.close();
  await gw?.stop();
  await xvfb?.stop();
  for (const path of written) rmSync(path, { force: true });
  home?.cleanup();
});

describe('openclaw nodes screen', () => {
  it('records to a new temp file and prints MEDIA:<path>; the clip is the asked length and shows the screen', async () => {
    const run = await cli('record', '--duration', '1.5s', '--fps', '5', '--no-audio');
    expect(run.stderr).toBe('');
    const path = mediaPath(run.stdout);
    expect(basename(path)).toMatch(/^openclaw-screen-record-[0-9a-f-]{36}\.mp4$/);
    expect(dirname(path)).toMatch(/\/openclaw(-\d+)?$/);
    const info = await probeMedia(path);
    expect(info).toMatchObject({ videoCodec: 'h264', width: 320, height: 240, fps: 5, hasAudio: false });
    expect(Math.abs(info.durationMs! - 1500)).toBeLessThanOrEqual(150);
    expect(near(await frameColour(path, 40, 40, 0.5), RED)).toBe(true);
  });

  it('--out writes exactly that path, replacing a file or symlink there; --json describes it', async () => {
    const out = join(home.path, 'desk.mp4');
    const victim = join(home.path, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, out);
    const run = await cli('record', '--screen', '1', '--duration', '500', '--fps', '4', '--no-audio', '--out', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ file: { path: out, durationMs: expect.any(Number), fps: 4, screenIndex: 1, hasAudio: false } });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(await probeMedia(out)).toMatchObject({ width: 160, height: 120 });
    expect(near(await frameColour(out, 20, 20, 0.2), BLUE)).toBe(true);
    expect(readdirSync(home.path).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('snapshots a display to a PNG, or a downscaled JPEG', async () => {
    const png = await cli('snapshot', '--screen', '1');
    expect(png.code, png.stderr).toBe(0);
    const pngPath = mediaPath(png.stdout);
    expect(basename(pngPath)).toMatch(/^openclaw-screen-snapshot-[0-9a-f-]{36}\.png$/);
    const { data, info } = await sharp(readFileSync(pngPath)).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 160, height: 120 });
    expect([...data.subarray(0, 3)]).toEqual(BLUE);
    const jpeg = await cli('snapshot', '--format', 'jpg', '--max-width', '160', '--json');
    const { file } = JSON.parse(jpeg.stdout);
    written.push(file.path);
    expect(file).toMatchObject({ format: 'jpeg', width: 160, height: 120, screenIndex: 0 });
    expect(readFileSync(file.path).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('reports bad flags before anything is sent, and node-side refusals with their token', async () => {
    expect(await cli('record', '--duration', '5x')).toMatchObject({ code: 1, stderr: 'nodes screen record failed: invalid duration: 5x\n' });
    expect((await cli('record', '--fps', '0')).stderr).toBe('nodes screen record failed: --fps must be a number > 0, got "0"\n');
    expect((await cli('record', '--fps', 'fast')).stderr).toBe('nodes screen record failed: --fps must be a number, got "fast"\n');
    expect((await cli('record', '--screen', '-1')).stderr).toBe('nodes screen record failed: --screen must be an integer between 0 and 64, got "-1"\n');
    expect((await cli('snapshot', '--format', 'gif')).stderr).toBe('nodes screen snapshot failed: invalid format: gif (expected png|jpg|jpeg)\n');
    expect(await cli('record', '--screen', '5', '--duration', '300')).toMatchObject({ code: 1, stderr: 'nodes screen record failed: INVALID_REQUEST: Invalid screen index 5 (this node has 2 displays: 0..1)\n' });
  });

  it('leaves no ffmpeg behind when the node host is killed outright mid-recording', async () => {
    const recording = cli('record', '--duration', '30s', '--no-audio');
    const grabbing = await poll(async () => {
      const found = descendants(node!.child.pid!).filter((p) => /(^|\/)ffmpeg /.test(p.cmdline));
      return found.length > 0 ? found : undefined;
    }, 'ffmpeg recording');
    // SIGKILL: no shutdown code runs; the parent-death signal alone must end ffmpeg.
    node!.child.kill('SIGKILL');
    expect((await recording).code).toBe(1);
    await poll(async () => (alive(grabbing.map((p) => p.pid)).length === 0 ? true : undefined), 'ffmpeg gone');
  });
});
