import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import type { RawClient } from '../support/raw-client.js';
import type { TestGateway } from '../http/http-kit.js';
import { operator, requireChromium, startDesktopNode } from '../canvas/desktop-node.js';
import { startXvfb, type Xvfb } from '../canvas/xvfb.js';
import { httpMcpClient, textOf } from './mcp-kit.js';

let gw: TestGateway;
let op: RawClient;
let xvfb: Xvfb;
let desk: Awaited<ReturnType<typeof startDesktopNode>>;
let mcp: Awaited<ReturnType<typeof httpMcpClient>>;

beforeAll(async () => {
  requireChromium();
  xvfb = await startXvfb();
  gw = await startTestGateway();
  op = await operator(gw.url);
  desk = await startDesktopNode(gw.url, op, { ...process.env, DISPLAY: xvfb.display, WAYLAND_DISPLAY: undefined }, 'Canvas Desk', { enabled: ['system', 'canvas'] });
  mcp = await httpMcpClient(gw);
}, 60_000);

afterAll(async () => {
  await mcp?.client.close();
  await desk?.stop();
  op?.close();
  await gw?.stop();
  await xvfb?.stop();
});

describe('the canvas of a desktop node through MCP', () => {
  it('shows a page and answers canvas_snapshot as PNG image content of what it shows', async () => {
    const page = 'data:text/html,<body style="margin:0;background:rgb(255,0,0)"></body>';
    const shown = (await mcp.client.callTool({ name: 'canvas_present', arguments: { node: 'Canvas Desk', url: page } })) as CallToolResult;
    expect(shown.isError, textOf(shown)).toBeFalsy();
    const snap = (await mcp.client.callTool({ name: 'canvas_snapshot', arguments: { node: 'Canvas Desk', format: 'png', maxWidth: 200 } }, undefined, { timeout: 30_000 })) as CallToolResult;
    expect(snap.isError, textOf(snap)).toBeFalsy();
    const image = snap.content.find((c) => c.type === 'image') as { data: string; mimeType: string } | undefined;
    expect(image?.mimeType).toBe('image/png');
    const { data, info } = await sharp(Buffer.from(image!.data, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBeLessThanOrEqual(200);
    const middle = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
    expect([data[middle], data[middle + 1], data[middle + 2]]).toEqual([255, 0, 0]);
  }, 60_000);
});
