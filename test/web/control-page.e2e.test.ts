import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHostEnvironment } from '@openclaw-nodes/core/plugin';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { startDesktopRuntime } from '@openclaw-nodes/desktop-host';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { tempDir } from '../support/temp-dir.js';
import { requireChromium, CHROMIUM } from '../canvas/desktop-node.js';
import { startXvfb, type Xvfb } from '../canvas/xvfb.js';
import { api, httpBase, startNode, type TestGateway } from '../http/http-kit.js';
import { poll } from '../support/poll.js';

// DESIGN.md's Chromium flags; playwright adds --headless and a fresh --user-data-dir.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HOSTILE_NAME = '<img src=x onerror="window.pwned=1">';
// Evaluated in the page (browser code as text: this package type-checks without DOM types).
const STORED_TOKEN = "sessionStorage.getItem('openclaw.gateway.token')";
const shownImage = (id: string) => `(async () => {
  const img = document.getElementById('${id}');
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const g = canvas.getContext('2d');
  g.drawImage(img, 0, 0);
  return { width: img.naturalWidth, pixel: [...g.getImageData(10, 10, 1, 1).data] };
})()`;
// The recording as the <video> element plays it: its length, size and a pixel of a frame 1 s in.
const SHOWN_VIDEO = `(async () => {
  const video = document.getElementById('screen-clip');
  if (video.readyState < 1) await new Promise((ok, fail) => { video.onloadedmetadata = ok; video.onerror = () => fail(new Error('video error ' + (video.error && video.error.code))); });
  video.currentTime = 1;
  await new Promise((ok) => { video.onseeked = ok; });
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const g = canvas.getContext('2d');
  g.drawImage(video, 0, 0);
  return { duration: video.duration, width: video.videoWidth, height: video.videoHeight, pixel: [...g.getImageData(10, 10, 1, 1).data] };
})()`;

let gw: TestGateway;
let xvfb: Xvfb;
let browser: Browser;
let page: Page;
const stops: Array<() => Promise<void> | void> = [];

const row = (table: 'pending' | 'nodes', text: string) => page.locator(`#${table} tbody tr`, { hasText: text });

/** The desktop node host on the Xvfb display, not yet approved; its camera is a red lavfi source. */
async function startDesktop(displayName: string) {
  const state = tempDir('openclaw-web-desk-');
  const runtime = await startDesktopRuntime({
    stateDir: state.path,
    host: '127.0.0.1',
    port: Number(new URL(gw.url).port),
    token: TEST_TOKEN,
    displayName,
    version: '0.1.0',
    plugins: { load: [], options: { camera: { enabled: true, devices: false, sources: [{ id: 'red', name: 'Red Camera', format: 'lavfi', input: 'color=c=red:size=320x240:rate=5', position: 'front' }] } } },
    hostEnv: detectHostEnvironment({ ...process.env, DISPLAY: xvfb.display, WAYLAND_DISPLAY: undefined }),
  });
  const running = runtime.host.run();
  stops.push(async () => {
    await runtime.stop();
    await running;
    state.cleanup();
  });
  return runtime;
}

/** Allowlists a program on a node through the gateway, as `openclaw approvals allowlist add --node` does. */
async function allowOnNode(nodeId: string, bin: string) {
  const op = await RawClient.open(gw.url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ['operator.admin']));
  await op.next((f) => f.type === 'res' && f.ok);
  const which = await op.request('node.invoke', { nodeId, command: 'system.which', params: { bins: [bin] }, idempotencyKey: `which-${bin}` });
  const path: string = which.payload.payload.bins[bin];
  const { payload: snapshot } = await op.request('exec.approvals.node.get', { nodeId });
  const file = snapshot.file ?? { version: 1, defaults: {}, agents: {} };
  const agent = (file.agents['*'] ??= {});
  agent.allowlist = [...(agent.allowlist ?? []), { pattern: path }];
  const set = await op.request('exec.approvals.node.set', { nodeId, file, baseHash: snapshot.hash });
  op.close();
  if (!set.ok) throw new Error(`allowlisting ${path} failed: ${JSON.stringify(set.error)}`);
}

beforeAll(async () => {
  requireChromium();
  xvfb = await startXvfb();
  gw = await startTestGateway({ autoApproveLocal: false, commands: { allow: ['screen.record', 'camera.snap'] } });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  while (stops.length) await stops.pop()!();
  await browser?.close();
  await gw?.stop();
  await xvfb?.stop();
});

describe('web control page in Chromium', () => {
  it('signs in with the token kept in sessionStorage only, refusing a wrong one', async () => {
    await page.goto(httpBase(gw));
    await poll(async () => (expect(await page.textContent('#status')).toBe('signed out'), true), 'the page signed out');
    await page.fill('#token', 'not-the-token');
    await page.click('#signin-form button');
    await poll(async () => (expect(await page.textContent('#signin-error')).toBe('That token was not accepted.'), true), 'the sign-in error shown');
    expect(await page.isVisible('#app')).toBe(false);

    await page.fill('#token', TEST_TOKEN);
    await page.click('#signin-form button');
    await poll(async () => (expect(await page.textContent('#status')).toBe('live'), true), 'the page live');
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.evaluate(STORED_TOKEN)).toBe(TEST_TOKEN);
    await page.reload();
    await poll(async () => (expect(await page.textContent('#status')).toBe('live'), true), 'the page live again');
  });

  it('shows a real node asking to pair, approves it, sees it connect, renames it and runs system.which and system.run on it', async () => {
    const node = await startNode(gw, 'Build Node');
    stops.push(node.stop);
    // Nobody reloads: the request arrives over the event stream.
    await row('pending', 'Build Node').waitFor({ timeout: 10_000 });
    expect(await row('pending', 'Build Node').textContent()).toContain('device pairing');
    await row('pending', 'Build Node').getByRole('button', { name: 'Approve' }).click();
    await row('nodes', 'Build Node').locator('td.state', { hasText: /^connected$/ }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#pending tbody tr').count()).toBe(0);

    await row('nodes', 'Build Node').getByRole('button', { name: 'Rename' }).click();
    await page.fill('#nodes form.rename input', 'Lab Box');
    await page.click('#nodes form.rename button');
    await row('nodes', 'Lab Box').waitFor();
    expect((await api(gw, '/v1/nodes')).json.nodes[0].displayName).toBe('Lab Box');

    await page.selectOption('#run-node', { label: 'Lab Box' });
    await page.selectOption('#run-command', 'system.which');
    await page.fill('#run-params', '{"bins":["sh","no-such-binary-here"]}');
    await page.click('#run-form button');
    await poll(async () => (expect(await page.textContent('#run-output')).toMatch(/"sh": ".*\/sh"/), true), 'system.which output on the page');
    expect(await page.textContent('#run-output')).not.toContain('no-such-binary-here');

    // The node's exec approvals decide: denied until echo is allowlisted on that node.
    await page.selectOption('#run-command', 'system.run');
    await page.fill('#run-params', '{"command":["echo","hello from the page"]}');
    await page.click('#run-form button');
    await poll(async () => (expect(await page.textContent('#run-output')).toBe('UNAVAILABLE: SYSTEM_RUN_DENIED: approval required'), true), 'the denied run shown');
    await allowOnNode(node.runtime.host.nodeId!, 'echo');
    await page.click('#run-form button');
    await poll(async () => (expect(await page.textContent('#run-output')).toBe('exit 0\nhello from the page\n'), true), "the approved run's output shown");

    expect(await page.locator('#events li', { hasText: 'node.invoke.finished' }).count()).toBeGreaterThan(0);
  });

  it('approves a desktop node, takes a canvas snapshot and displays the image, and shows its location permission as it changes', async () => {
    const desk = await startDesktop('Desk');
    await row('pending', 'Desk').waitFor({ timeout: 10_000 });
    await row('pending', 'Desk').getByRole('button', { name: 'Approve' }).click();
    await row('nodes', 'Desk').locator('td.state', { hasText: /^connected$/ }).waitFor({ timeout: 15_000 });

    const pages = tempDir('openclaw-web-pages-');
    stops.push(pages.cleanup);
    writeFileSync(join(pages.path, 'red.html'), '<!doctype html><style>html,body{margin:0;height:100%;background:#f00}</style>');
    const presented = await api(gw, `/v1/nodes/${desk.host.nodeId}/invoke`, { body: { command: 'canvas.present', params: { url: join(pages.path, 'red.html') } } });
    expect(presented.status).toBe(200);

    await page.selectOption('#run-node', { label: 'Desk' });
    await page.selectOption('#run-command', 'canvas.snapshot');
    expect(await page.inputValue('#run-params')).toBe('{"format":"png","maxWidth":1200}');
    await page.fill('#run-params', '{"format":"png","maxWidth":400}');
    await page.click('#run-form button');
    await page.locator('#snapshot:not([hidden])').waitFor({ timeout: 15_000 });
    await poll(async () => (expect(await page.textContent('#run-output')).toMatch(/^snapshot: image\/png, \d+ bytes$/), true), 'the snapshot line shown');
    const shown = (await page.evaluate(shownImage('snapshot'))) as { width: number; pixel: number[] };
    expect(shown.width).toBeGreaterThan(100);
    expect(shown.width).toBeLessThanOrEqual(400);
    expect(shown.pixel).toEqual([255, 0, 0, 255]);

    // Location is off on a desktop node until its mode changes; the row follows without a reload.
    await row('nodes', 'Desk').locator('td.permissions', { hasText: 'location: off' }).waitFor({ timeout: 10_000 });
    await desk.plugins.reconfigure({ location: { mode: 'whileUsing' } });
    await row('nodes', 'Desk').locator('td.permissions', { hasText: 'location: on' }).waitFor({ timeout: 10_000 });
    await row('pending', 'Desk').waitFor({ timeout: 10_000 });
  });

  it('records a short screen clip of the desktop node and plays it in a <video>, and shows a photo from its camera', async () => {
    // The desktop node from the canvas test is still showing its red page, and is chosen.
    expect(await page.inputValue('#run-node')).not.toBe('');
    await page.click('#screen-record');
    await page.locator('#screen-clip:not([hidden])').waitFor({ timeout: 30_000 });
    expect(await page.textContent('#media-output')).toMatch(/^screen recording: video\/mp4, \d+ bytes$/);
    const shown = (await page.evaluate(SHOWN_VIDEO)) as { duration: number; width: number; height: number; pixel: number[] };
    expect(Math.abs(shown.duration - 3)).toBeLessThanOrEqual(0.3);
    expect([shown.width, shown.height]).toEqual([1280, 800]);
    expect(shown.pixel.slice(0, 3).every((v, i) => Math.abs(v - [255, 0, 0][i]) <= 24), String(shown.pixel)).toBe(true);

    await page.click('#camera-snap');
    await page.locator('#camera-shot:not([hidden])').waitFor({ timeout: 30_000 });
    expect(await page.textContent('#media-output')).toMatch(/^camera snapshot: image\/jpeg, \d+ bytes$/);
    const photo = (await page.evaluate(shownImage('camera-shot'))) as { width: number; pixel: number[] };
    expect(photo.width).toBe(320);
    // JPEG of a solid red source: red within compression error.
    expect(photo.pixel.slice(0, 3).every((v, i) => Math.abs(v - [254, 0, 0][i]) <= 24), String(photo.pixel)).toBe(true);
  });

  it('renders what a node claims as text, never as markup', async () => {
    const node = await RawClient.open(gw.url);
    stops.push(() => node.close());
    node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity: generateDeviceIdentity(), displayName: HOSTILE_NAME }));
    const cell = page.locator('#pending tbody tr td').filter({ hasText: HOSTILE_NAME }).first();
    await cell.waitFor({ timeout: 10_000 });
    expect(await cell.textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('#pending img').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
  });

  it('shows an approval prompt with the control characters of its command and cwd as ?', async () => {
    const op = await RawClient.open(gw.url);
    await op.challenge();
    op.send(operatorConnect(TEST_TOKEN, ['operator.admin']));
    await op.next((f) => f.type === 'res' && f.ok);
    stops.push(() => op.close());
    const { nodeId } = (await api(gw, '/v1/nodes')).json.nodes.find((n: { displayName: string }) => n.displayName === 'Lab Box');
    const script = 'echo \u001b[31mred\u202ereversed';
    const asked = await op.request('exec.approval.request', { nodeId, command: ['/bin/sh', '-c', script], rawCommand: script, cwd: '/tmp/\u001b[2J\u0007cwd', ask: 'always' });
    expect(asked.payload).toMatchObject({ status: 'accepted', request: { cwd: '/tmp/\u001b[2J\u0007cwd' } });
    const prompt = page.locator(`#exec-approvals tr[data-approval-id="${asked.payload.id}"]`);
    await prompt.waitFor({ timeout: 10_000 });
    const text = await prompt.textContent();
    expect(text).toContain('echo ?[31mred?reversed');
    expect(text).toContain('/tmp/?[2J?cwd');
    expect(text).not.toMatch(/[\u0000-\u001f\u202e]/);
    await op.request('exec.approval.resolve', { id: asked.payload.id, decision: 'deny' });
    await prompt.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('signs out, forgetting the token', async () => {
    await page.click('#signout');
    expect(await page.evaluate(STORED_TOKEN)).toBeNull();
    expect(await page.isVisible('#signin-form')).toBe(true);
  });
});
