import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../http/http-kit.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import type { RawClient } from '../support/raw-client.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { alive, chromiumProcesses, descendants } from './processes.js';
import { approveAll, operator, requireChromium } from './desktop-node.js';
import { startXvfb, type Xvfb } from './xvfb.js';
import { shareLocalProof } from '../support/local-proof.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let op: RawClient;
let xvfb: Xvfb;
let home: { path: string; cleanup: () => void };
let node: ReturnType<typeof startProcess> | undefined;
const written: string[] = [];

const nodeEnv = () => ({ ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'node'), OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, DISPLAY: xvfb.display });
const startNode = () => startProcess(process.execPath, [BIN, 'node', 'run', '--desktop', '--port', String(gw.gateway.port), '--display-name', 'CLI Desk'], nodeEnv(), /connected to ws:/);
const cli = (...args: string[]) =>
  runCli(['nodes', 'canvas', ...args, '--node', 'CLI Desk', '--url', gw.url, '--token', TEST_TOKEN], { ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'cli'), NO_COLOR: '1' }, 60_000);

/** The file a `MEDIA:<path>` line names; removed after the run, since the CLI never cleans up. */
function mediaPath(stdout: string): string {
  const match = /^MEDIA:(.+)\n$/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  written.push(match![1]);
  return match![1];
}

beforeAll(async () => {
  requireChromium();
  xvfb = await startXvfb();
  gw = await startTestGateway();
  op = await operator(gw.url);
  home = tempDir('openclaw-cli-canvas-');
  shareLocalProof(gw.stateDir, join(home.path, 'node'));
  writeFileSync(
    join(home.path, 'stripes.html'),
    '<!doctype html><title>Stripes</title><style>body{margin:0}div{height:360px}</style><div style="background:#ff0000"></div><div style="background:#0000ff"></div>',
  );
  node = startNode();
  await node.started;
  await approveAll(op);
  await poll(async () => ((await runCli(['nodes', 'describe', '--node', 'CLI Desk', '--url', gw.url, '--token', TEST_TOKEN, '--json'], { ...process.env, HOME: home.path })).stdout.includes('canvas.snapshot') ? true : undefined), 'canvas commands approved');
});

afterAll(async () => {
  await node?.stop();
  op?.close();
  await gw?.stop();
  await xvfb?.stop();
  for (const path of written) rmSync(path, { force: true });
  home?.cleanup();
});

describe('openclaw nodes canvas', () => {
  it('presents a local page and writes a snapshot to the OpenClaw temp dir, printing MEDIA:<path>', async () => {
    expect(await cli('present', '--target', join(home.path, 'stripes.html'))).toMatchObject({ code: 0, stdout: 'canvas present ok\n' });
    const shot = await cli('snapshot', '--format', 'png', '--max-width', '1200');
    expect(shot.stderr).toBe('');
    const path = mediaPath(shot.stdout);
    expect(basename(path)).toMatch(/^openclaw-canvas-snapshot-[0-9a-f-]{36}\.png$/);
    expect(dirname(path)).toMatch(/\/openclaw(-\d+)?$/);
    const { data, info } = await sharp(readFileSync(path)).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(1200);
    expect(info.height).toBe(675);
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(pixel(600, 100)).toEqual([255, 0, 0]);
    expect(pixel(600, 600)).toEqual([0, 0, 255]);
  });

  it('with --json prints {file:{path, format}}; jpg is the default and is sent as jpeg', async () => {
    const shot = await cli('snapshot', '--json');
    expect(shot.code).toBe(0);
    const { file } = JSON.parse(shot.stdout);
    written.push(file.path);
    expect(file.format).toBe('jpeg');
    expect(basename(file.path)).toMatch(/^openclaw-canvas-snapshot-[0-9a-f-]{36}\.jpg$/);
    expect(readFileSync(file.path).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('delivers a snapshot past the inline limit out of band, and the CLI still writes the whole image', async () => {
    // Random pixels: a PNG no compressor gets near the 256 KiB inline limit.
    const noise = '<!doctype html><title>Noise</title><style>body{margin:0}</style><canvas id="c" width="1280" height="720"></canvas><script>'
      + 'const g=document.getElementById("c").getContext("2d");const d=g.createImageData(1280,720);'
      + 'for(let i=0;i<d.data.length;i++)d.data[i]=i%4===3?255:Math.floor(Math.random()*256);g.putImageData(d,0,0);</script>';
    writeFileSync(join(home.path, 'noise.html'), noise);
    expect(await cli('present', '--target', join(home.path, 'noise.html'))).toMatchObject({ code: 0 });
    const answer = await api(gw, `/v1/nodes/${encodeURIComponent('CLI Desk')}/invoke`, { body: { command: 'canvas.snapshot', params: { format: 'png', maxWidth: 1200 } } });
    expect(answer.json.payload).toMatchObject({ format: 'png', width: 1200, height: 675, url: expect.stringMatching(/^\/v1\/media\//) });
    expect(answer.json.payload.base64).toBeUndefined();

    const shot = await cli('snapshot', '--format', 'png', '--max-width', '1200', '--json');
    expect(shot).toMatchObject({ code: 0, stderr: '' });
    const { file } = JSON.parse(shot.stdout);
    written.push(file.path);
    expect(statSync(file.path).size).toBeGreaterThan(256 * 1024);
    expect(await sharp(file.path).metadata()).toMatchObject({ format: 'png', width: 1200, height: 675 });
    // The tests after this one read the striped page.
    expect(await cli('present', '--target', join(home.path, 'stripes.html'))).toMatchObject({ code: 0 });
  });

  it('evaluates JavaScript given positionally or with --js (which wins), navigates and hides', async () => {
    expect((await cli('eval', 'document.title')).stdout).toBe('Stripes\n');
    expect((await cli('eval', 'ignored', '--js', '6 * 7')).stdout).toBe('42\n');
    expect((await cli('eval', '--js', 'void 0')).stdout).toBe('canvas eval ok\n');
    const raw = await cli('eval', '--js', '"x"', '--json');
    expect(JSON.parse(raw.stdout)).toMatchObject({ ok: true, command: 'canvas.eval', payload: { result: 'x' } });
    writeFileSync(join(home.path, 'other.html'), '<title>Other</title>');
    expect((await cli('navigate', join(home.path, 'other.html'))).stdout).toBe('canvas navigate ok\n');
    expect((await cli('eval', 'document.title')).stdout).toBe('Other\n');
    expect((await cli('hide')).stdout).toBe('canvas hide ok\n');
  });

  it('reports node-side failures with their token, and bad flags before anything is sent', async () => {
    expect(await cli('eval', '--js', 'nope()')).toMatchObject({ code: 1, stderr: 'nodes canvas eval failed: CANVAS_EVAL_FAILED: ReferenceError: nope is not defined\n' });
    expect((await cli('navigate', 'javascript:alert(1)')).stderr).toBe(
      'nodes canvas navigate failed: CANVAS_TARGET_INVALID: javascript: URLs cannot be shown; use http(s), file, data, about:blank or an absolute path\n',
    );
    expect((await cli('eval')).stderr).toBe('nodes canvas eval failed: missing --js or <js>\n');
    expect((await cli('snapshot', '--format', 'gif')).stderr).toBe('nodes canvas snapshot failed: invalid format: gif (expected png|jpg|jpeg)\n');
    expect((await cli('snapshot', '--max-width', 'wide')).stderr).toBe('nodes canvas snapshot failed: --max-width must be an integer >= 1, got "wide"\n');
    expect((await cli('snapshot', '--quality', '2')).stderr).toBe('nodes canvas snapshot failed: --quality must be a number between 0 and 1, got "2"\n');
    expect((await cli('present', '--width', '0')).stderr).toBe('nodes canvas present failed: --width must be a number >= 1, got "0"\n');
  });

  it('pushes A2UI text and JSONL files, checks JSONL locally first, and resets', async () => {
    expect(await cli('a2ui', 'push', '--text', 'Hello from the CLI')).toMatchObject({ code: 0, stdout: 'canvas a2ui push ok (v0.8, 2 messages)\n' });
    expect((await cli('eval', 'document.querySelector("[data-a2ui-id=text]").textContent')).stdout).toBe('Hello from the CLI\n');

    const v09 = join(home.path, 'v09.jsonl');
    writeFileSync(v09, '{"createSurface":{"surfaceId":"other","catalogId":"std"}}\n');
    expect(await cli('a2ui', 'push', '--jsonl', v09)).toMatchObject({
      code: 1,
      stderr: 'nodes canvas a2ui push failed: Detected A2UI v0.9 JSONL (createSurface). OpenClaw currently supports v0.8 only.\n',
    });
    const mixed = join(home.path, 'mixed.jsonl');
    writeFileSync(mixed, '{"deleteSurface":{"surfaceId":"main"}}\n{"createSurface":{"surfaceId":"x"}}\n');
    expect((await cli('a2ui', 'push', '--jsonl', mixed)).stderr).toBe('nodes canvas a2ui push failed: Invalid A2UI JSONL:\n- mixed A2UI v0.8 and v0.9 messages in one file\n');
    const broken = join(home.path, 'broken.jsonl');
    writeFileSync(broken, '{"deleteSurface":{"surfaceId":"main"}}\n\n"text"\n{"beginRendering":{"surfaceId":"main"}}\n');
    expect((await cli('a2ui', 'push', '--jsonl', broken)).stderr).toBe(
      "nodes canvas a2ui push failed: Invalid A2UI JSONL:\n- line 3: expected a JSON object\n- line 4: beginRendering: must have required property 'root'\n",
    );
    writeFileSync(broken, '\n\n');
    expect((await cli('a2ui', 'push', '--jsonl', broken)).stderr).toBe('nodes canvas a2ui push failed: Invalid A2UI JSONL:\n- no JSONL messages found\n');
    // None of the rejected files reached the node: the surface from --text is still there, alone.
    expect((await cli('eval', 'openclawA2UI.getSurfaces().join(",")')).stdout).toBe('main\n');

    expect((await cli('a2ui', 'push', '--text', 'a', '--jsonl', v09)).stderr).toBe('nodes canvas a2ui push failed: provide exactly one of --jsonl or --text\n');
    expect((await cli('a2ui', 'push', '--jsonl', join(home.path, 'missing.jsonl'))).stderr).toMatch(/^nodes canvas a2ui push failed: cannot read --jsonl .*missing\.jsonl: ENOENT\n$/);
    expect((await cli('a2ui', 'reset')).stdout).toBe('canvas a2ui reset ok\n');
    expect((await cli('eval', 'openclawA2UI.getSurfaces().length')).stdout).toBe('0\n');
  });

  it('leaves no Chromium behind when the desktop node host is stopped, or killed outright', async () => {
    const first = chromiumProcesses(descendants(node!.child.pid!));
    expect(first.length).toBeGreaterThan(0);
    // The browser gets the display but none of OpenClaw's settings, the gateway token least of all.
    const environ = readFileSync(`/proc/${first[0].pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain(`DISPLAY=${xvfb.display}`);
    expect(environ.filter((entry) => entry.startsWith('OPENCLAW_'))).toEqual([]);
    await node!.stop();
    await poll(() => (expect(alive(first.map((p) => p.pid))).toEqual([]), true), 'the first browser gone');

    node = startNode();
    await node.started;
    await poll(async () => (chromiumProcesses(descendants(node!.child.pid!)).length > 0 ? true : undefined), 'the canvas window to open');
    const second = chromiumProcesses(descendants(node.child.pid!));
    node.child.kill('SIGKILL');
    // Chromium notices its DevTools pipe closing and exits by itself.
    await poll(async () => (alive(second.map((p) => p.pid)).length === 0 ? true : undefined), 'Chromium to exit after its parent was killed');

    // The killed host could not remove its browser profile; the next start sweeps it away.
    const profiles = () => readdirSync(join(home.path, 'node', 'canvas')).filter((name) => name.startsWith('profile-'));
    const [left] = profiles();
    expect(left).toBeDefined();
    node = startNode();
    await node.started;
    await poll(async () => (chromiumProcesses(descendants(node!.child.pid!)).length > 0 ? true : undefined), 'the canvas window to open');
    expect(profiles()).toHaveLength(1);
    expect(profiles()).not.toContain(left);
  });
});
