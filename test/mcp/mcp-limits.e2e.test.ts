import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { api, operatorDeviceToken, type TestGateway } from '../http/http-kit.js';
import { patternSource, startApprovedCameraNode } from '../camera/camera-fixtures.js';
import { httpMcpClient, textOf } from './mcp-kit.js';

const IDLE_MS = 1_500;
const headers = { accept: 'application/json, text/event-stream' };
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
const toolsList = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };

let gw: TestGateway | undefined;
let node: Awaited<ReturnType<typeof startApprovedCameraNode>> | undefined;
const home = tempDir('openclaw-mcp-limits-');
const clients: Array<{ close: () => Promise<void> }> = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => {});
  await node?.stop();
  node = undefined;
  await gw?.stop();
  gw = undefined;
});
afterAll(() => home.cleanup());

describe('/mcp bounds', () => {
  it('expires idle sessions, and then takes new ones', async () => {
    gw = await startTestGateway({ mcp: { maxSessions: 2, idleMs: IDLE_MS } });
    const first = await httpMcpClient(gw);
    clients.push(first.client);
    clients.push((await httpMcpClient(gw)).client);
    const sessionId = first.transport.sessionId!;
    // Watched through /metrics: a request on the session itself would keep it alive.
    await poll(async () => (/openclaw_mcp_sessions 0\b/.test((await api(gw!, '/metrics')).text) ? true : undefined), 'the idle sessions expiring');
    const expired = await api(gw, '/mcp', { body: toolsList, headers: { ...headers, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' } });
    expect(expired.status).toBe(404);
    expect(expired.json.error.code).toBe('MCP_SESSION_NOT_FOUND');
    const again = await httpMcpClient(gw);
    clients.push(again.client);
    expect((await again.client.listTools()).tools.map((t) => t.name)).toContain('nodes_list');
  }, 60_000);

  it('lets a caller that never closes its sessions replace only its own, and says when to retry once the gateway is full', async () => {
    gw = await startTestGateway({ mcp: { maxSessions: 3, maxSessionsPerCaller: 2 } });
    const { token: reader } = await operatorDeviceToken(gw, ['operator.read']);
    // An inspector run or an SDK client.close() leaves its session open: six of them, never deleted.
    const opened: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api(gw, '/mcp', { token: reader, body: initialize, headers });
      expect(res.status).toBe(200);
      opened.push(res.headers.get('mcp-session-id')!);
    }
    expect((await api(gw, '/metrics')).text).toMatch(/openclaw_mcp_sessions 2\b/);
    const oldest = await api(gw, '/mcp', { token: reader, body: toolsList, headers: { ...headers, 'mcp-session-id': opened[0], 'mcp-protocol-version': '2025-06-18' } });
    expect(oldest.json.error.code).toBe('MCP_SESSION_NOT_FOUND');
    // Everyone else still gets in, until the gateway-wide bound: then a coded 429 with Retry-After.
    const admin = await httpMcpClient(gw);
    clients.push(admin.client);
    const { token: other } = await operatorDeviceToken(gw, ['operator.read']);
    const refused = await api(gw, '/mcp', { token: other, body: initialize, headers });
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ code: 'MCP_LIMIT_REACHED', details: { maxSessions: 3 } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);

  it('lets a listed browser origin use its session: the preflight allows the MCP headers and the session id is readable', async () => {
    gw = await startTestGateway({ allowedOrigins: ['https://ui.example'] });
    const origin = { origin: 'https://ui.example' };
    const preflight = await api(gw, '/mcp', { method: 'OPTIONS', token: null, headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, mcp-session-id, mcp-protocol-version' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Mcp-Session-Id.*Mcp-Protocol-Version/);
    const opened = await api(gw, '/mcp', { body: initialize, headers: { ...headers, ...origin } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('mcp-session-id')).toBeTruthy();
    expect(opened.headers.get('access-control-expose-headers')).toBe('Mcp-Session-Id');
  });

  it('refuses oversized arguments and bodies', async () => {
    gw = await startTestGateway();
    const { client } = await httpMcpClient(gw);
    clients.push(client);
    const big = (await client.callTool({ name: 'nodes_list', arguments: { filler: 'x'.repeat(4.5 * 1024 * 1024) } })) as CallToolResult;
    expect(big.isError).toBe(true);
    expect(textOf(big)).toMatch(/^PAYLOAD_TOO_LARGE: tool arguments are \d+ bytes, over the 4194304/);
    const huge = await api(gw, '/mcp', { raw: JSON.stringify({ ...toolsList, pad: 'x'.repeat(6 * 1024 * 1024) }), headers: { ...headers, 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
  }, 60_000);

  it('runs at most maxConcurrentCalls per session, and keeps a session whose call waits for an operator past the idle expiry', async () => {
    gw = await startTestGateway({ mcp: { maxConcurrentCalls: 1, idleMs: IDLE_MS }, exec: { config: () => ({ tools: { exec: { host: 'node', ask: 'always' } } }) } });
    node = await startApprovedCameraNode(gw, home.path, 'Busy Node', { enabled: true, devices: false, sources: [patternSource()] });
    const { client } = await httpMcpClient(gw);
    clients.push(client);
    const progress: string[] = [];
    const waiting = client.callTool({ name: 'system_run', arguments: { node: 'Busy Node', command: 'true' } }, undefined, { timeout: 60_000, onprogress: (p) => progress.push(String(p.message)) });
    const pending = await poll(async () => (await api(gw!, '/v1/approvals')).json.pending[0], 'an exec approval request');
    await poll(async () => (progress.some((m) => m.includes(pending.id)) ? true : undefined), 'a progress notification naming the approval');
    const second = (await client.callTool({ name: 'nodes_list', arguments: {} })) as CallToolResult;
    expect(second.isError).toBe(true);
    expect(textOf(second)).toMatch(/^MCP_LIMIT_REACHED: this MCP session already runs 1 tool calls/);
    // Two idle periods and more: the sweeper runs, but the session has a call running.
    await sleep(IDLE_MS * 2 + 1_000);
    expect((await api(gw, `/v1/approvals/${pending.id}`, { body: { decision: 'deny' } })).status).toBe(200);
    expect(textOf((await waiting) as CallToolResult)).toMatch(/^EXEC_DENIED: /);
    expect(((await client.callTool({ name: 'nodes_list', arguments: {} })) as CallToolResult).isError).toBeFalsy();
  }, 90_000);

  it('withdraws the exec approval of a call the client cancels or whose session it closes, and frees its call slot', async () => {
    gw = await startTestGateway({ mcp: { maxConcurrentCalls: 1 }, exec: { config: () => ({ tools: { exec: { host: 'node', ask: 'always' } } }) } });
    node = await startApprovedCameraNode(gw, home.path, 'Gone Node', { enabled: true, devices: false, sources: [patternSource()] });
    const pendingIds = async () => (await api(gw!, '/v1/approvals')).json.pending.map((p: { id: string }) => p.id) as string[];
    const { client, transport } = await httpMcpClient(gw);
    clients.push(client);
    const abort = new AbortController();
    const cancelled = client.callTool({ name: 'system_run', arguments: { node: 'Gone Node', command: 'true' } }, undefined, { timeout: 60_000, signal: abort.signal }).catch((err: unknown) => err);
    const first = await poll(async () => (await pendingIds())[0], 'an exec approval request');
    abort.abort();
    await cancelled;
    await poll(async () => ((await pendingIds()).includes(first) ? undefined : true), 'the cancelled call withdrawing its approval');
    const late = await api(gw, `/v1/approvals/${first}`, { body: { decision: 'allow-once' } });
    expect(late.status).toBe(404);
    expect(late.json.error.code).toBe('APPROVAL_NOT_FOUND');
    // The one call slot is free again.
    expect(((await client.callTool({ name: 'nodes_list', arguments: {} })) as CallToolResult).isError).toBeFalsy();

    void client.callTool({ name: 'system_run', arguments: { node: 'Gone Node', command: 'true' } }, undefined, { timeout: 60_000 }).catch(() => {});
    const second = await poll(async () => (await pendingIds())[0], 'a second exec approval request');
    await transport.terminateSession();
    await poll(async () => ((await pendingIds()).includes(second) ? undefined : true), 'the closed session withdrawing its approval');
    expect((await api(gw, `/v1/approvals/${second}`, { body: { decision: 'allow-once' } })).status).toBe(404);
  }, 90_000);
});
