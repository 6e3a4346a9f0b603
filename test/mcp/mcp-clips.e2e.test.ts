import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import { tempDir } from '../support/temp-dir.js';
import type { TestGateway } from '../http/http-kit.js';
import { patternSource, requireFfmpeg, startApprovedCameraNode } from '../camera/camera-fixtures.js';
import { httpMcpClient } from './mcp-kit.js';

let gw: TestGateway;
let home: { path: string; cleanup: () => void };
let node: Awaited<ReturnType<typeof startApprovedCameraNode>>;

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-mcp-clips-');
  gw = await startTestGateway({ commands: { allow: ['camera.clip'] } });
  node = await startApprovedCameraNode(gw, home.path, 'Clip Node', { enabled: true, devices: false, sources: [patternSource()] });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await gw?.stop();
  home?.cleanup();
});

/** The MP4 bytes a clip result carries: fetched from its resource link with the bearer token, or its blob. */
async function clipBytes(result: CallToolResult): Promise<Buffer> {
  const first = result.content[0];
  if (first.type === 'resource_link') {
    const res = await fetch(first.uri, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }
  if (first.type === 'resource' && 'blob' in first.resource) return Buffer.from(first.resource.blob, 'base64');
  throw new Error(`not a resource: ${JSON.stringify(first).slice(0, 200)}`);
}

/** A clip result: an mp4 resource, then its metadata. */
async function expectClip(result: CallToolResult): Promise<void> {
  expect(result.isError).toBeFalsy();
  const first = result.content[0] as { mimeType?: string; resource?: { mimeType?: string } };
  expect(first.mimeType ?? first.resource?.mimeType).toBe('video/mp4');
  expect((await clipBytes(result)).subarray(4, 8).toString('latin1')).toBe('ftyp');
  const meta = JSON.parse((result.content[1] as { text: string }).text);
  expect(meta).toMatchObject({ format: 'mp4', hasAudio: expect.any(Boolean), durationMs: expect.any(Number) });
  expect(meta.durationMs).toBeGreaterThan(0);
}

describe('camera clips through MCP', () => {
  it('come over /mcp as an mp4 resource with their metadata', async () => {
    const { client } = await httpMcpClient(gw);
    try {
      await expectClip((await client.callTool({ name: 'camera_clip', arguments: { node: 'Clip Node', durationMs: 1000 } }, undefined, { timeout: 60_000 })) as CallToolResult);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('come over stdio as an mp4 blob resource with their metadata', async () => {
    const client = new Client({ name: 'mcp-clips', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', 'serve', '--url', gw.url, '--token', TEST_TOKEN], env: { ...process.env, HOME: home.path } as Record<string, string>, stderr: 'ignore' }));
    try {
      const result = (await client.callTool({ name: 'camera_clip', arguments: { node: 'Clip Node', durationMs: 1000 } }, undefined, { timeout: 60_000 })) as CallToolResult;
      expect(result.content[0].type).toBe('resource');
      await expectClip(result);
    } finally {
      await client.close();
    }
  }, 60_000);
});
