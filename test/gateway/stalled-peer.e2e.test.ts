import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BUFFERED_BYTES } from '@openclaw-nodes/core/protocol';
import type { RawClient } from '../support/raw-client.js';
import { adminOperator, invokeWhich, stalledNode } from '../support/stalled-node.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { api, type TestGateway } from '../http/http-kit.js';

/** ws alone waits 30 s for a close frame a stalled peer never sends; everything here must be far quicker. */
const WELL_BEFORE_WS_CLOSE_TIMEOUT_MS = 10_000;

const metricsText = async (gw: TestGateway) => (await api(gw, '/metrics')).text;

const connected = async (op: RawClient, nodeId: string) => (await op.request('node.list', {})).payload.nodes.find((n: any) => n.nodeId === nodeId)?.connected === true;

let gw: TestGateway;
let op: RawClient;
beforeEach(async () => {
  gw = await startTestGateway();
  op = await adminOperator(gw.url);
});
afterEach(async () => {
  op.close();
  await gw.stop();
});

describe('a node that stops reading', () => {
  it('is cut off once its send buffer passes maxBufferedBytes: invokes fail DISCONNECTED and node.list drops it', async () => {
    const { nodeId } = await stalledNode(gw.url, op);
    // 5 MB each: 14 of them exceed the 50 MiB limit even after the kernel buffers fill.
    const big = { bins: ['x'.repeat(5 * 1024 * 1024)] };
    const calls = Array.from({ length: Math.ceil((MAX_BUFFERED_BYTES * 1.4) / (5 * 1024 * 1024)) }, () => invokeWhich(op, nodeId, big));
    const first = await Promise.race([calls[0], new Promise((resolve) => setTimeout(resolve, WELL_BEFORE_WS_CLOSE_TIMEOUT_MS, 'no answer'))]);
    expect(first).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: { code: 'DISCONNECTED' } } });
    const all = await Promise.all(calls);
    expect(all.every((res) => res.ok === false && ['DISCONNECTED', 'NOT_CONNECTED', 'PAIRING_CHANGED'].includes(res.error.details?.code ?? res.error.code))).toBe(true);
    expect(await connected(op, nodeId)).toBe(false);
    expect(await metricsText(gw)).toMatch(/^openclaw_node_invokes_in_flight 0$/m);
  });

  it('is terminated when it does not answer a close within the close deadline, failing its in-flight invoke', async () => {
    const { nodeId } = await stalledNode(gw.url, op);
    const pending = invokeWhich(op, nodeId, { bins: ['uname'] });
    await poll(async () => ((await metricsText(gw)).match(/^openclaw_node_invokes_in_flight 1$/m) ? true : undefined), 'invoke in flight');
    expect((await op.request('node.pair.remove', { nodeId })).ok).toBe(true);
    const res = await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, WELL_BEFORE_WS_CLOSE_TIMEOUT_MS, 'no answer'))]);
    expect(res).toMatchObject({ ok: false, error: { details: { code: 'DISCONNECTED' } } });
    await poll(async () => ((await metricsText(gw)).match(/^openclaw_ws_connections\{state="open"\} 1$/m) ? true : undefined), 'only the operator left connected');
  });
});

describe('an operator that stops reading', () => {
  it('is cut off once the answers queued for it pass maxBufferedBytes, and the gateway keeps serving others', async () => {
    const { node, nodeId } = await stalledNode(gw.url, op);
    node.ws.resume();
    const answer = JSON.stringify({ blob: 'y'.repeat(5 * 1024 * 1024) });
    node.ws.on('message', (data) => {
      const f = JSON.parse(String(data));
      if (f.event === 'node.invoke.request') node.send({ type: 'req', id: `r:${f.payload.id}`, method: 'node.invoke.result', params: { id: f.payload.id, nodeId, ok: true, payloadJSON: answer } });
    });
    const reader = await adminOperator(gw.url);
    reader.ws.pause();
    const count = Math.ceil((MAX_BUFFERED_BYTES * 1.4) / (5 * 1024 * 1024));
    for (let i = 0; i < count; i++) reader.send({ type: 'req', id: `big:${i}`, method: 'node.invoke', params: { nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: `big:${i}` } });
    const open = /^openclaw_ws_connections\{state="open"\} (\d+)$/m;
    await poll(async () => (Number((await metricsText(gw)).match(open)?.[1]) === 2 ? true : undefined), 'the stalled operator cut off', { timeoutMs: WELL_BEFORE_WS_CLOSE_TIMEOUT_MS });
    expect((await op.request('health', {})).ok).toBe(true);
  });
});

describe('timeouts past what a timer holds', () => {
  it('refuses node.invoke timeoutMs >= 2^31 over WebSocket and HTTP with INVALID_REQUEST instead of timing out at once', async () => {
    const { node, nodeId } = await stalledNode(gw.url, op);
    node.ws.resume();
    const ws = await invokeWhich(op, nodeId, { bins: ['uname'] }, 2 ** 31);
    expect(ws).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(ws.error.message).toContain('timeoutMs');
    const http = await api(gw, `/v1/nodes/${nodeId}/invoke`, { body: { command: 'system.which', params: { bins: ['uname'] }, timeoutMs: 2 ** 32 } });
    expect(http.status).toBe(400);
    expect(http.json.error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(node.frames.some((f) => f.event === 'node.invoke.request')).toBe(false);
  });

  it('keeps an invoke with the largest timeout a timer holds waiting for the node', async () => {
    const { node, nodeId } = await stalledNode(gw.url, op);
    node.ws.resume();
    const call = invokeWhich(op, nodeId, { bins: ['uname'] }, 2 ** 31 - 1);
    const request = await node.next((f) => f.event === 'node.invoke.request');
    // A wait only a broken gateway would notice: a timer past 2^31-1 ms fires after 1 ms, so
    // its TIMEOUT would be in long before this answer; a slower machine only waits longer.
    await new Promise((resolve) => setTimeout(resolve, 200));
    node.send({ type: 'req', id: 'r1', method: 'node.invoke.result', params: { id: request.payload.id, nodeId, ok: true, payloadJSON: '{"bins":{}}' } });
    expect(await call).toMatchObject({ ok: true, payload: { payload: { bins: {} } } });
  });
});
