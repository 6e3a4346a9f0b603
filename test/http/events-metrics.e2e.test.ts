import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { api, approveOverHttp, openEvents, operatorDeviceToken, startNode, type TestGateway } from './http-kit.js';

const metric = (text: string, line: string) => {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe('live events and metrics', () => {
  let gw: TestGateway;
  const stops: Array<() => Promise<void> | void> = [];
  beforeEach(async () => {
    gw = await startTestGateway();
  });
  afterEach(async () => {
    while (stops.length) await stops.pop()!();
    await gw.stop();
  });

  it('streams node connected, pairing, invoke finished and disconnected events; read-only callers get no pairing events', async () => {
    const events = await openEvents(gw);
    stops.push(events.close);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const open = await events.next((e) => e.event === 'stream.open');
    expect(open.data.events).toEqual(expect.arrayContaining(['node.connected', 'node.pair.requested', 'node.invoke.finished']));
    const reader = await openEvents(gw, (await operatorDeviceToken(gw, ['operator.read'])).token);
    stops.push(reader.close);
    const readerEvents = (await reader.next((e) => e.event === 'stream.open')).data.events;
    expect(readerEvents).not.toContain('node.pair.requested');
    expect(readerEvents).not.toContain('exec.approval.requested');
    expect(open.data.events).toContain('exec.approval.requested');

    const node = await startNode(gw, 'Build Node');
    stops.push(node.stop);
    const connected = await events.next((e) => e.event === 'node.connected');
    expect(connected.data).toMatchObject({ nodeId: node.runtime.host.nodeId, displayName: 'Build Node', remoteIp: '127.0.0.1', ts: expect.any(Number) });
    const requested = await events.next((e) => e.event === 'node.pair.requested');
    await approveOverHttp(gw, 'Build Node');
    expect((await events.next((e) => e.event === 'node.pair.resolved')).data).toMatchObject({ requestId: requested.data.requestId, decision: 'approved' });

    await api(gw, '/v1/nodes/Build%20Node/invoke', { body: { command: 'system.which', params: { bins: ['sh'] } } });
    const finished = await events.next((e) => e.event === 'node.invoke.finished');
    expect(finished.data).toMatchObject({ nodeId: node.runtime.host.nodeId, command: 'system.which', outcome: 'ok', ok: true, durationMs: expect.any(Number) });
    expect(Number(finished.id)).toBeGreaterThan(Number(connected.id));

    await node.stop();
    stops.splice(stops.indexOf(node.stop), 1);
    expect((await events.next((e) => e.event === 'node.disconnected')).data).toMatchObject({ nodeId: node.runtime.host.nodeId });
    await reader.next((e) => e.event === 'node.disconnected');
    expect(reader.events.map((e) => e.event)).not.toContain('node.pair.requested');
    expect(reader.events.map((e) => e.event)).not.toContain('node.pair.resolved');
  });

  it('ends open streams when the gateway stops', async () => {
    const events = await openEvents(gw);
    await events.next((e) => e.event === 'stream.open');
    await gw.gateway.stop();
    await events.done;
    expect(events.ended).toBe(true);
  });

  it('counts nodes, pending pairings, invokes by outcome with latency, sockets, bytes and auth failures', async () => {
    const before = await api(gw, '/metrics');
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(metric(before.text, 'openclaw_nodes_connected')).toBe(0);

    const node = await startNode(gw, 'Build Node');
    stops.push(node.stop);
    const pending = await poll(async () => {
      const { text } = await api(gw, '/metrics');
      return metric(text, 'openclaw_pairing_requests_pending{kind="node-surface"}') === 1 ? text : undefined;
    }, 'a pending surface in the metrics');
    expect(metric(pending, 'openclaw_pairing_requests_pending{kind="device"}')).toBe(0);
    await approveOverHttp(gw, 'Build Node');
    for (let i = 0; i < 3; i++) await api(gw, '/v1/nodes/Build%20Node/invoke', { body: { command: 'system.which', params: { bins: ['sh'] } } });
    await api(gw, '/v1/nodes/Build%20Node/invoke', { body: { command: 'system.which', params: { bins: 'sh' } } });
    await api(gw, '/v1/nodes', { token: 'wrong' });
    const events = await openEvents(gw);
    stops.push(events.close);
    await events.next((e) => e.event === 'stream.open');

    const { text } = await api(gw, '/metrics');
    expect(metric(text, 'openclaw_nodes_connected')).toBe(1);
    expect(metric(text, 'openclaw_nodes_paired')).toBe(1);
    expect(metric(text, 'openclaw_pairing_requests_pending{kind="node-surface"}')).toBe(0);
    expect(metric(text, 'openclaw_node_invokes_total{command="system.which",outcome="ok"}')).toBe(3);
    expect(metric(text, 'openclaw_node_invokes_total{command="system.which",outcome="error"}')).toBe(1);
    expect(metric(text, 'openclaw_node_invoke_duration_seconds_count{command="system.which"}')).toBe(4);
    expect(metric(text, 'openclaw_node_invoke_duration_seconds_bucket{command="system.which",le="+Inf"}')).toBe(4);
    expect(metric(text, 'openclaw_node_invoke_duration_seconds_sum{command="system.which"}')).toBeGreaterThan(0);
    expect(metric(text, 'openclaw_ws_connections{state="authenticated"}')).toBe(1);
    expect(metric(text, 'openclaw_auth_failures_total')).toBe(1);
    expect(metric(text, 'openclaw_http_event_streams')).toBe(1);
    expect(metric(text, 'openclaw_gateway_received_bytes_total')).toBeGreaterThan(1_000);
    expect(metric(text, 'openclaw_gateway_sent_bytes_total')).toBeGreaterThan(1_000);
    expect(text).toContain('# TYPE openclaw_node_invoke_duration_seconds histogram');
  });
});
