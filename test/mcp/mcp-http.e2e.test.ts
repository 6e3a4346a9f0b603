import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { api, operatorDeviceToken, type TestGateway } from '../http/http-kit.js';
import { patternSource, requireFfmpeg, startApprovedCameraNode } from '../camera/camera-fixtures.js';
import { httpMcpClient, textOf, toolNames } from './mcp-kit.js';

let gw: TestGateway;
let home: { path: string; cleanup: () => void };
let node: Awaited<ReturnType<typeof startApprovedCameraNode>> | undefined;
let mcp: Awaited<ReturnType<typeof httpMcpClient>>;
/** The gateway's log, one JSON object a line. */
const logged: any[] = [];
const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (logged.push(JSON.parse(String(chunk))), done()) }));

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-mcp-http-');
  // exec goes to nodes and always asks an operator; camera.snap is allowed, camera.clip is not.
  gw = await startTestGateway({ logger, commands: { allow: ['camera.snap'] }, exec: { config: () => ({ tools: { exec: { host: 'node', ask: 'always' } } }) } });
  mcp = await httpMcpClient(gw);
}, 60_000);

afterAll(async () => {
  await mcp?.client.close();
  await node?.stop();
  await gw?.stop();
  home?.cleanup();
});

describe('MCP over Streamable HTTP at /mcp on the gateway', () => {
  it('offers only nodes_list and node_describe with no node, then the node commands once a node connects (tools/list_changed)', async () => {
    expect(await toolNames(mcp.client)).toEqual(['nodes_list', 'node_describe']);
    node = await startApprovedCameraNode(gw, home.path, 'Cam Node', { enabled: true, devices: false, sources: [patternSource()] });
    await poll(async () => (mcp.listChanged() > 0 ? true : undefined), 'tools/list_changed after the node connected');
    const names = await toolNames(mcp.client);
    expect(names).toEqual(expect.arrayContaining(['nodes_list', 'node_describe', 'system_which', 'system_run', 'camera_list', 'camera_snap']));
    // Refused by the gateway's command policy: not offered at all.
    expect(names).not.toContain('camera_clip');
    const which = (await mcp.client.listTools()).tools.find((t) => t.name === 'system_which');
    expect(which?.inputSchema).toMatchObject({ type: 'object', properties: { node: { type: 'string' }, bins: { type: 'array' } }, required: ['node', 'bins'] });
  }, 60_000);

  it('calls system.which on the node', async () => {
    const result = (await mcp.client.callTool({ name: 'system_which', arguments: { node: 'Cam Node', bins: ['sh', 'no-such-program-here'] } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result))).toMatchObject({ bins: { sh: expect.stringMatching(/\/sh$/) } });
  });

  it('answers a camera snapshot as image content', async () => {
    const result = (await mcp.client.callTool({ name: 'camera_snap', arguments: { node: 'Cam Node', maxWidth: 160 } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const image = result.content.find((c) => c.type === 'image') as { data: string; mimeType: string } | undefined;
    expect(image?.mimeType).toBe('image/jpeg');
    const bytes = Buffer.from(image!.data, 'base64');
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  }, 60_000);

  it('answers a command the gateway refuses as a tool error with its code', async () => {
    const result = (await mcp.client.callTool({ name: 'camera_clip', arguments: { node: 'Cam Node', durationMs: 1000 } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^UNKNOWN_TOOL: /);
    const bad = (await mcp.client.callTool({ name: 'system_which', arguments: { node: 'Cam Node', bins: 'sh' } })) as CallToolResult;
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^INVALID_REQUEST: invalid system.which params/);
    const nowhere = (await mcp.client.callTool({ name: 'system_which', arguments: { node: 'No Such Node', bins: ['sh'] } })) as CallToolResult;
    expect(textOf(nowhere)).toMatch(/^NODE_NOT_FOUND: /);
  });

  it('runs system_run through exec approvals: the client hears the pending approval id, a deny is EXEC_DENIED', async () => {
    const notices: unknown[] = [];
    mcp.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      notices.push(n.params.data);
    });
    const call = mcp.client.callTool({ name: 'system_run', arguments: { node: 'Cam Node', command: 'echo hello' } }, undefined, { timeout: 60_000 });
    const pending = await poll(async () => (await api(gw, '/v1/approvals')).json.pending[0], 'an exec approval request');
    expect(pending.request).toMatchObject({ command: 'echo hello', nodeName: 'Cam Node' });
    await poll(async () => (notices.some((n: any) => n?.approvalId === pending.id) ? true : undefined), 'the pending notice with the approval id');
    expect((await api(gw, `/v1/approvals/${pending.id}`, { body: { decision: 'deny' } })).status).toBe(200);
    const result = (await call) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^EXEC_DENIED: exec denied: an operator denied the command/);
    expect(textOf(result)).toContain(pending.id);
  }, 60_000);

  it('logs every call with the tool, the caller, the outcome and the code', () => {
    const calls = logged.filter((l) => l.event === 'mcp.tool.call');
    expect(calls).toEqual(expect.arrayContaining([
      expect.objectContaining({ tool: 'system_which', caller: 'token', outcome: 'ok' }),
      expect.objectContaining({ tool: 'system_run', caller: 'token', outcome: 'error', code: 'EXEC_DENIED', msg: 'mcp tool system_run by token: error (EXEC_DENIED)' }),
    ]));
  });

  it('counts every call in /metrics with the caller', async () => {
    const metrics = (await api(gw, '/metrics')).text;
    expect(metrics).toMatch(/openclaw_mcp_tool_calls_total\{tool="system_which",outcome="ok",caller="token"\} [1-9]/);
    expect(metrics).toMatch(/openclaw_mcp_tool_calls_total\{tool="system_run",outcome="error",caller="token"\} 1/);
    expect(metrics).toMatch(/openclaw_mcp_sessions [1-9]/);
  });
});

describe('/mcp refuses what /v1 refuses', () => {
  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
  const headers = { accept: 'application/json, text/event-stream' };

  it('needs a bearer token and an allowed Origin', async () => {
    const none = await api(gw, '/mcp', { token: null, body: initialize, headers });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('AUTH_TOKEN_MISSING');
    const foreign = await api(gw, '/mcp', { body: initialize, headers: { ...headers, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('gives a read-only operator device only the read-only tools, and names the missing scope when it calls another', async () => {
    const { token, deviceId } = await operatorDeviceToken(gw, ['operator.read']);
    const reader = await httpMcpClient(gw, token);
    try {
      expect(await toolNames(reader.client)).toEqual(['nodes_list', 'node_describe']);
      const listed = (await reader.client.callTool({ name: 'nodes_list', arguments: {} })) as CallToolResult;
      expect(textOf(listed)).toContain('Cam Node');
      const refused = (await reader.client.callTool({ name: 'system_which', arguments: { node: 'Cam Node', bins: ['sh'] } })) as CallToolResult;
      expect(refused.isError).toBe(true);
      // Named as the missing scope: "call tools/list again" would send a model round in circles.
      expect(textOf(refused)).toMatch(/^MISSING_SCOPE: missing scope: operator.write; node tools such as "system_which" need it/);
      expect(textOf(refused)).not.toMatch(/tools\/list/);
      expect((await api(gw, '/metrics')).text).toContain(`openclaw_mcp_tool_calls_total{tool="nodes_list",outcome="ok",caller="device:${deviceId}"} 1`);
    } finally {
      await reader.client.close();
    }
  });

  it("does not let another caller use a session's id", async () => {
    const { token } = await operatorDeviceToken(gw, ['operator.read', 'operator.write']);
    const sessionId = mcp.transport.sessionId!;
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };
    const hijack = await api(gw, '/mcp', { token, body: list, headers: { ...headers, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' } });
    expect(hijack.status).toBe(404);
    expect(hijack.json.error.code).toBe('MCP_SESSION_NOT_FOUND');
  });
});

