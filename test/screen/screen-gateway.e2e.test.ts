import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { api, httpBase, type TestGateway } from '../http/http-kit.js';
import { scriptedNode } from '../http/scripted-node.js';

let gw: TestGateway;
let png: Buffer;
const authorized = { headers: { authorization: `Bearer ${TEST_TOKEN}` } };

beforeAll(async () => {
  gw = await startTestGateway();
  png = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#ff00ff' } }).png().toBuffer();
  // A node that ignores maxWidth and delivers its snapshot out of band.
  await scriptedNode(gw, ['screen.snapshot'], async (_command, _params, upload) => ({ format: 'png', url: await upload(png, 'image/png'), width: 1200, height: 600, screenIndex: 0 }), ['screen']);
}, 60_000);

afterAll(async () => {
  await gw?.stop();
});

describe('screen snapshots delivered out of band, on the gateway', () => {
  it('downscales one wider than the maxWidth asked for and keeps it out of band', async () => {
    const { payload } = (await api(gw, '/v1/nodes/Scripted/invoke', { method: 'POST', body: { command: 'screen.snapshot', params: { format: 'png', maxWidth: 300 } } })).json;
    expect(payload).toMatchObject({ format: 'png', width: 300, height: 150, screenIndex: 0, url: expect.stringMatching(/^\/v1\/media\//) });
    expect(payload.base64).toBeUndefined();
    const stored = Buffer.from(await (await fetch(`${httpBase(gw)}${payload.url}`, authorized)).arrayBuffer());
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 300, height: 150 });

    const image = await fetch(`${httpBase(gw)}/v1/nodes/Scripted/screen/snapshot?maxWidth=64`, authorized);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({ format: 'png', width: 64, height: 32 });
  });
});
