import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RawClient } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { tempDir } from '../support/temp-dir.js';
import { operator, requireChromium, startDesktopNode } from '../canvas/desktop-node.js';
import { startXvfb, type Xvfb } from '../canvas/xvfb.js';
import { api, type TestGateway } from './http-kit.js';
import { scriptedNode } from './scripted-node.js';

describe('media routes with a scripted node', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.stop();
  });

  it('serves a capability media route as bytes, passes the query as params, and refuses bad payloads and bad queries', async () => {
    const screenSnapshot = { path: 'screen/snapshot', command: 'screen.snapshot', summary: 'Capture the screen', kind: 'image' as const, formats: ['png'], query: z.strictObject({}) };
    // An embedder's own route: the built-in screen plugin, which serves the same path, stays off.
    gw = await startTestGateway({ mediaRoutes: [screenSnapshot], plugins: { enabled: ['canvas'], load: [], options: {} } });
    const png = await sharp({ create: { width: 4, height: 2, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toBuffer();
    let canvasAnswer: unknown = { format: 'png', base64: png.toString('base64') };
    const seen: unknown[] = [];
    const node = await scriptedNode(gw, ['canvas.snapshot', 'screen.snapshot'], (command, params) => {
      seen.push(params);
      return command === 'screen.snapshot' ? { format: 'png', base64: png.toString('base64') } : canvasAnswer;
    });

    const screen = await fetch(`${gw.url.replace('ws', 'http')}/v1/nodes/Scripted/screen/snapshot`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(screen.status).toBe(200);
    expect(screen.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await screen.arrayBuffer()).equals(png)).toBe(true);

    const canvas = await api(gw, '/v1/nodes/scripted/canvas/snapshot?format=png&maxWidth=1200&quality=0.5');
    expect(canvas.status).toBe(200);
    expect(seen.at(-1)).toEqual({ format: 'png', maxWidth: 1200, quality: 0.5 });

    canvasAnswer = { format: 'png', base64: '%%%' };
    const garbled = await api(gw, '/v1/nodes/Scripted/canvas/snapshot');
    expect(garbled.status).toBe(502);
    expect(garbled.json.error).toMatchObject({ code: 'MEDIA_PAYLOAD_INVALID', message: 'the node answered without valid base64 data' });
    canvasAnswer = { format: 'jpeg', base64: png.toString('base64') };
    expect((await api(gw, '/v1/nodes/Scripted/canvas/snapshot')).json.error.message).toBe("the node's jpeg data does not start like jpeg");

    for (const query of ['format=gif', 'maxWidth=wide', 'maxWidth=0', 'quality=2', 'maxwidth=10']) {
      const bad = await api(gw, `/v1/nodes/Scripted/canvas/snapshot?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.json.error.message, query).toMatch(/^invalid query: /);
    }
    const calls = seen.length;
    expect((await api(gw, '/v1/nodes/Scripted/canvas/snapshot?format=gif')).status).toBe(400);
    expect(seen.length).toBe(calls);

    const doc = (await api(gw, '/v1/openapi.json')).json;
    const op = doc.paths['/v1/nodes/{node}/canvas/snapshot'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(['image/png', 'image/jpeg']);
    expect(op.parameters.map((p: any) => `${p.in}:${p.name}`)).toEqual(['path:node', 'query:format', 'query:maxWidth', 'query:quality']);
    expect(doc.paths['/v1/nodes/{node}/screen/snapshot']).toBeDefined();
    node.close();
  });

  it('refuses a canvas snapshot of a node without a canvas', async () => {
    gw = await startTestGateway();
    const node = await scriptedNode(gw, ['system.which'], () => ({}));
    const res = await api(gw, '/v1/nodes/Scripted/canvas/snapshot');
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('COMMAND_NOT_DECLARED');
    node.close();
  });
});

describe('canvas snapshot over HTTP from a desktop node on Xvfb', () => {
  let gw: TestGateway;
  let xvfb: Xvfb;
  let desk: Awaited<ReturnType<typeof startDesktopNode>>;
  let op: RawClient;
  const pages = tempDir('openclaw-http-pages-');

  beforeAll(async () => {
    requireChromium();
    xvfb = await startXvfb();
    gw = await startTestGateway();
    op = await operator(gw.url);
    desk = await startDesktopNode(gw.url, op, { ...process.env, DISPLAY: xvfb.display, WAYLAND_DISPLAY: undefined }, 'Desk');
    writeFileSync(join(pages.path, 'halves.html'), '<!doctype html><style>body{margin:0}div{position:absolute;top:0;height:100vh;width:50vw}</style><div style="left:0;background:#f00"></div><div style="left:50vw;background:#00f"></div>');
  });
  afterAll(async () => {
    await desk?.stop();
    op?.close();
    await gw?.stop();
    await xvfb?.stop();
    pages.cleanup();
  });

  it('answers image/png at the asked width, and JPEG by default', async () => {
    expect((await desk.invoke('canvas.present', { url: join(pages.path, 'halves.html') })).ok).toBe(true);
    const res = await fetch(`${gw.url.replace('ws', 'http')}/v1/nodes/Desk/canvas/snapshot?format=png&maxWidth=640`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const { data, info } = await sharp(Buffer.from(await res.arrayBuffer())).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBeLessThanOrEqual(640);
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(10, 10)).toEqual([255, 0, 0]);
    expect(at(info.width - 10, 10)).toEqual([0, 0, 255]);

    const jpeg = await fetch(`${gw.url.replace('ws', 'http')}/v1/nodes/${desk.nodeId}/canvas/snapshot`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await jpeg.arrayBuffer())).metadata()).format).toBe('jpeg');
  });
});
