import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway } from '../support/in-process-gateway.js';
import type { RawClient } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';
import { chromiumProcesses, descendants } from './processes.js';
import { operator, requireChromium, startDesktopNode } from './desktop-node.js';
import { startXvfb, type Xvfb } from './xvfb.js';

type Gateway = Awaited<ReturnType<typeof startTestGateway>>;
type DesktopNode = Awaited<ReturnType<typeof startDesktopNode>>;

let gw: Gateway;
let op: RawClient;
let xvfb: Xvfb;
let desk: DesktopNode;
let pages: { path: string; cleanup: () => void };

/** A 1280x720 page in three known colours: red top-left, blue top-right, green bottom half. */
const QUADRANTS = `<!doctype html><title>Quadrants</title><style>
  body { margin: 0; } div { position: absolute; }
  #r { left: 0; top: 0; width: 640px; height: 360px; background: rgb(255, 0, 0); }
  #b { left: 640px; top: 0; width: 640px; height: 360px; background: rgb(0, 0, 255); }
  #g { left: 0; top: 360px; width: 1280px; height: 360px; background: rgb(0, 255, 0); }
</style><div id="r"></div><div id="b"></div><div id="g"></div>`;

async function decode(payload: { base64: string }) {
  const { data, info } = await sharp(Buffer.from(payload.base64, 'base64')).raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
  return { info, pixel };
}

const closeTo = (actual: number[], expected: number[], tolerance = 12) => actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance);

beforeAll(async () => {
  requireChromium();
  xvfb = await startXvfb();
  gw = await startTestGateway();
  op = await operator(gw.url);
  pages = tempDir('openclaw-canvas-pages-');
  writeFileSync(join(pages.path, 'quadrants.html'), QUADRANTS);
  writeFileSync(join(pages.path, 'second.html'), '<!doctype html><title>Second Page</title><p>second</p>');
  desk = await startDesktopNode(gw.url, op, { ...process.env, DISPLAY: xvfb.display, WAYLAND_DISPLAY: undefined });
});

afterAll(async () => {
  await desk?.stop();
  op?.close();
  await gw?.stop();
  await xvfb?.stop();
  pages?.cleanup();
});

describe('desktop node canvas through the gateway', () => {
  it('describes itself with the canvas cap, every canvas command and a canvas permission', async () => {
    const { payload } = await op.request('node.describe', { nodeId: desk.nodeId });
    expect(payload.caps).toEqual(expect.arrayContaining(['system', 'canvas']));
    expect(payload.commands).toEqual(expect.arrayContaining(['canvas.present', 'canvas.snapshot', 'canvas.a2ui.pushJSONL', 'system.which']));
    expect(payload.permissions).toMatchObject({ canvas: true });
  });

  it('presents a local page, evaluates in it, navigates, and snapshots it downscaled with the right colours', async () => {
    expect((await desk.invoke('canvas.present', { url: join(pages.path, 'quadrants.html') })).ok).toBe(true);
    const title = await desk.invoke('canvas.eval', { javaScript: 'document.title' });
    expect(title.payload.payload).toEqual({ result: 'Quadrants' });

    const png = await desk.invoke('canvas.snapshot', { format: 'png', maxWidth: 640 });
    expect(png.ok).toBe(true);
    expect(png.payload.payload.format).toBe('png');
    const shot = await decode(png.payload.payload);
    expect(shot.info.width).toBeLessThanOrEqual(640);
    expect(shot.info.width / shot.info.height).toBeCloseTo(1280 / 720, 2);
    expect(shot.pixel(100, 50)).toEqual([255, 0, 0]);
    expect(shot.pixel(540, 50)).toEqual([0, 0, 255]);
    expect(shot.pixel(320, 300)).toEqual([0, 255, 0]);

    // The wire default is JPEG at up to 1600 px: a 1280 px canvas is not enlarged.
    const jpeg = await desk.invoke('canvas.snapshot', {});
    expect(jpeg.payload.payload.format).toBe('jpeg');
    const photo = await decode(jpeg.payload.payload);
    expect(photo.info.width).toBe(1280);
    expect(closeTo(photo.pixel(1000, 100), [0, 0, 255])).toBe(true);

    expect((await desk.invoke('canvas.navigate', { url: `file://${join(pages.path, 'second.html')}` })).ok).toBe(true);
    expect((await desk.invoke('canvas.eval', { javaScript: 'document.title' })).payload.payload.result).toBe('Second Page');
  });

  it('renders pushed A2UI JSONL: the text and the button are in the page and on the snapshot', async () => {
    const jsonl = [
      { surfaceUpdate: { surfaceId: 'main', components: [
        { id: 'root', component: { Column: { children: { explicitList: ['hello', 'ok'] } } } },
        { id: 'hello', component: { Text: { text: { literalString: 'Hello from the gateway' }, usageHint: 'h2' } } },
        { id: 'ok', component: { Button: { child: 'ok-label', primary: true, action: { name: 'confirm' } } } },
        { id: 'ok-label', component: { Text: { text: { literalString: 'Confirm' } } } },
      ] } },
      { beginRendering: { surfaceId: 'main', root: 'root' } },
    ].map((m) => JSON.stringify(m)).join('\n');
    const pushed = await desk.invoke('canvas.a2ui.pushJSONL', { jsonl });
    expect(pushed.payload.payload).toEqual({ ok: true, surfaces: ['main'] });

    const found = await desk.invoke('canvas.eval', {
      javaScript: 'JSON.stringify({ text: document.querySelector("h2")?.textContent, button: document.querySelector("button")?.textContent, rect: document.querySelector("button")?.getBoundingClientRect() })',
    });
    const { text, button, rect } = JSON.parse(found.payload.payload.result);
    expect(text).toBe('Hello from the gateway');
    expect(button).toBe('Confirm');

    const shot = await decode((await desk.invoke('canvas.snapshot', { format: 'png', maxWidth: 1280 })).payload.payload);
    let inked = 0;
    for (let y = 0; y < shot.info.height; y += 4) for (let x = 0; x < shot.info.width; x += 4) if (!closeTo(shot.pixel(x, y), [255, 255, 255], 0)) inked++;
    expect(inked).toBeGreaterThan(100);
    // The primary button is filled with the primary colour (#1a73e8) just inside its left edge.
    expect(closeTo(shot.pixel(Math.round(rect.x + 3), Math.round(rect.y + rect.height / 2)), [0x1a, 0x73, 0xe8])).toBe(true);
  });

  it('rejects A2UI v0.9 with the node error token, through the gateway', async () => {
    const res = await desk.invoke('canvas.a2ui.pushJSONL', { jsonl: '{"createSurface":{"surfaceId":"main","catalogId":"std"}}' });
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('UNAVAILABLE');
    expect(res.error.details.nodeError).toEqual({
      code: 'A2UI_UNSUPPORTED_VERSION',
      message: 'A2UI_UNSUPPORTED_VERSION: A2UI JSONL line 1: looks like A2UI v0.9 (createSurface); this canvas supports v0.8 only',
    });
  });

  it('still applies the dangerous-command policy to a desktop node: camera.snap is refused without an allow', async () => {
    const res = await desk.invoke('camera.snap', { facing: 'front' });
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('INVALID_REQUEST');
    expect(res.error.message).toBe('node command not allowed: "camera.snap" requires explicit gateway.nodes.commands.allow opt-in');
  });
});

describe('desktop node without a usable display', () => {
  it('answers NODE_BACKGROUND_UNAVAILABLE without a display, reports canvas: false, and starts no browser', async () => {
    const before = chromiumProcesses(descendants(process.pid)).length;
    const headless = await startDesktopNode(gw.url, op, { PATH: process.env.PATH, HOME: process.env.HOME }, 'Headless Desk');
    try {
      expect((await op.request('node.describe', { nodeId: headless.nodeId })).payload.permissions).toMatchObject({ canvas: false });
      for (const [command, params] of [['canvas.present', {}], ['canvas.snapshot', { format: 'png' }], ['canvas.a2ui.reset', {}], ['canvas.eval', {}]] as const) {
        const res = await headless.invoke(command, params);
        expect(res.error.details.nodeError).toEqual({ code: 'NODE_BACKGROUND_UNAVAILABLE', message: 'NODE_BACKGROUND_UNAVAILABLE: canvas needs a display' });
      }
      expect(chromiumProcesses(descendants(process.pid)).length).toBe(before);
    } finally {
      await headless.stop();
    }
  });

  it('treats a display that cannot be reached as no display', async () => {
    const gone = await startXvfb();
    await gone.stop();
    const stranded = await startDesktopNode(gw.url, op, { PATH: process.env.PATH, HOME: process.env.HOME, DISPLAY: gone.display }, 'Stranded Desk');
    try {
      expect((await op.request('node.describe', { nodeId: stranded.nodeId })).payload.permissions).toMatchObject({ canvas: false });
      const res = await stranded.invoke('canvas.present', {});
      expect(res.error.details.nodeError).toEqual({
        code: 'NODE_BACKGROUND_UNAVAILABLE',
        message: `NODE_BACKGROUND_UNAVAILABLE: canvas window could not be shown on display ${gone.display}`,
      });
    } finally {
      await stranded.stop();
    }
  });
});
