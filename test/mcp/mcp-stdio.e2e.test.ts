import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Gateway } from '@openclaw-nodes/gateway';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN, ROOT } from '../support/paths.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import type { TestGateway } from '../http/http-kit.js';
import { patternSource, requireFfmpeg, startApprovedCameraNode } from '../camera/camera-fixtures.js';
import { textOf } from './mcp-kit.js';

const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');

let gw: TestGateway;
let home: { path: string; cleanup: () => void };
let node: Awaited<ReturnType<typeof startApprovedCameraNode>> | undefined;
let client: Client;
let listChanged = 0;
let serverLog = '';
let restarted: Gateway | undefined;

const serveArgs = () => [BIN, 'mcp', 'serve', '--url', gw.url, '--token', TEST_TOKEN];
const env = () => ({ ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'cli') }) as Record<string, string>;

/** The official MCP Inspector in CLI mode against `openclaw mcp serve`, as a user runs it; its JSON output. */
async function inspector(...args: string[]) {
  // Asynchronously: the gateway under test runs in this process.
  const { stdout } = await promisify(execFile)(process.execPath, [INSPECTOR, '--cli', ...args, '--', process.execPath, ...serveArgs()], { env: env(), timeout: 60_000 });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-mcp-stdio-');
  gw = await startTestGateway({ commands: { allow: ['camera.snap'] } });
  const transport = new StdioClientTransport({ command: process.execPath, args: serveArgs(), env: env(), stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  client = new Client({ name: 'mcp-stdio-e2e', version: '1.0.0' });
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    listChanged++;
  });
  await client.connect(transport);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await node?.stop();
  await restarted?.stop();
  await gw?.stop();
  home?.cleanup();
});

describe('openclaw mcp serve (stdio) with the SDK client', () => {
  it('lists the node tools once a node connects, telling the client the list changed', async () => {
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['nodes_list', 'node_describe']);
    node = await startApprovedCameraNode(gw, home.path, 'Stdio Node', { enabled: true, devices: false, sources: [patternSource()] });
    await poll(async () => (listChanged > 0 ? true : undefined), 'tools/list_changed after the node connected');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(expect.arrayContaining(['system_which', 'system_run', 'camera_snap']));
  }, 60_000);

  it('calls system.which and gets a camera snapshot as image content', async () => {
    const which = (await client.callTool({ name: 'system_which', arguments: { node: 'Stdio Node', bins: ['sh'] } })) as CallToolResult;
    expect(JSON.parse(textOf(which))).toMatchObject({ bins: { sh: expect.stringMatching(/\/sh$/) } });
    const snap = (await client.callTool({ name: 'camera_snap', arguments: { node: 'Stdio Node', maxWidth: 160 } })) as CallToolResult;
    const image = snap.content.find((c) => c.type === 'image') as { data: string; mimeType: string } | undefined;
    expect(image?.mimeType).toBe('image/jpeg');
    expect(Buffer.from(image!.data, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  }, 60_000);

  it('answers a refused call as a tool error and logs each call on stderr, never on stdout', async () => {
    const refused = (await client.callTool({ name: 'system_run', arguments: { node: 'Stdio Node', command: 'id' } })) as CallToolResult;
    expect(refused.isError).toBe(true);
    // The gateway's exec routing is host=gateway by default: the MCP server goes through it.
    expect(textOf(refused)).toMatch(/^EXEC_HOST_NOT_ALLOWED: .*tools\.exec\.host=node/);
    await poll(async () => (serverLog.includes('"tool":"system_run"') ? true : undefined), 'the call logged');
    expect(serverLog).toMatch(/"tool":"system_which".*"caller":"token".*"outcome":"ok"/);
  });
});

describe('openclaw mcp serve across a gateway restart', () => {
  it('answers CONNECTION_CLOSED while the gateway is down and serves again once it is back', async () => {
    const which = () => client.callTool({ name: 'system_which', arguments: { node: 'Stdio Node', bins: ['sh'] } }) as Promise<CallToolResult>;
    const port = Number(new URL(gw.url).port);
    await gw.gateway.stop();
    const down = await poll(async () => {
      const result = await which();
      return result.isError ? result : undefined;
    }, 'a call failing while the gateway is down');
    expect(textOf(down)).toMatch(/^CONNECTION_CLOSED: /);
    // The same gateway again: same state dir (the node stays paired), same port.
    restarted = await Gateway.start({ stateDir: gw.stateDir, port, host: '127.0.0.1', token: TEST_TOKEN, version: '0.1.0-test', commands: { allow: ['camera.snap'] } });
    const back = await poll(async () => {
      const result = await which();
      return result.isError ? undefined : result;
    }, 'system_which answering again', { timeoutMs: 40_000 });
    expect(JSON.parse(textOf(back))).toMatchObject({ bins: { sh: expect.stringMatching(/\/sh$/) } });
  }, 60_000);
});

describe('openclaw mcp serve --read-only', () => {
  it('asks for operator.read only and offers only the read-only tools', async () => {
    const reader = new Client({ name: 'mcp-stdio-reader', version: '1.0.0' });
    await reader.connect(new StdioClientTransport({ command: process.execPath, args: [...serveArgs(), '--read-only'], env: env(), stderr: 'ignore' }));
    try {
      expect((await reader.listTools()).tools.map((t) => t.name)).toEqual(['nodes_list', 'node_describe']);
      const listed = (await reader.callTool({ name: 'nodes_list', arguments: {} })) as CallToolResult;
      expect(textOf(listed)).toContain('Stdio Node');
      const refused = (await reader.callTool({ name: 'system_which', arguments: { node: 'Stdio Node', bins: ['sh'] } })) as CallToolResult;
      expect(textOf(refused)).toMatch(/^MISSING_SCOPE: missing scope: operator.write; /);
    } finally {
      await reader.close();
    }
  });
});

describe('the official MCP Inspector in CLI mode', () => {
  it('lists the tools with portable schemas and calls one', async () => {
    const listed = await inspector('--method', 'tools/list', '--strict');
    expect(listed.tools.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['nodes_list', 'system_which', 'camera_snap']));
    const called = await inspector('--method', 'tools/call', '--tool-name', 'system_which', '--tool-arg', 'node=Stdio Node', '--tool-arg', 'bins=["sh"]');
    expect(called.isError ?? false).toBe(false);
    expect(JSON.parse(called.content[0].text)).toMatchObject({ bins: { sh: expect.stringMatching(/\/sh$/) } });
  }, 120_000);
});
