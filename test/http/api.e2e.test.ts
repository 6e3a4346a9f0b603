import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { api, approveOverHttp, startNode, type TestGateway } from './http-kit.js';

describe('HTTP control API: nodes and pairing', () => {
  let gw: TestGateway;
  const stops: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    gw = await startTestGateway();
  });
  afterEach(async () => {
    while (stops.length) await stops.pop()!();
    await gw.stop();
  });

  it('pairs a real node host, then lists, describes, renames and invokes it by name, id prefix or id', async () => {
    const node = await startNode(gw, 'Build Node');
    stops.push(node.stop);
    const pending = await approveOverHttp(gw, 'Build Node');
    expect(pending).toMatchObject({ nodeId: expect.stringMatching(/^[0-9a-f]{64}$/), commands: expect.arrayContaining(['system.which']) });
    const nodeId = pending.nodeId;

    const list = await api(gw, '/v1/nodes');
    expect(list.status).toBe(200);
    expect(list.json.nodes).toEqual([expect.objectContaining({ nodeId, displayName: 'Build Node', connected: true, approvalState: 'approved' })]);

    const described = await api(gw, '/v1/nodes/build%20node');
    expect(described.json).toMatchObject({ nodeId, displayName: 'Build Node', ts: expect.any(Number) });

    const which = await api(gw, `/v1/nodes/${nodeId.slice(0, 8)}/invoke`, { body: { command: 'system.which', params: { bins: ['sh'] } } });
    expect(which.status).toBe(200);
    expect(which.json).toMatchObject({ ok: true, nodeId, command: 'system.which', payload: { bins: { sh: expect.stringMatching(/\/sh$/) } } });

    const renamed = await api(gw, '/v1/nodes/Build%20Node', { method: 'PATCH', body: { displayName: 'Lab Box' } });
    expect(renamed.json).toEqual({ nodeId, displayName: 'Lab Box' });
    expect((await api(gw, '/v1/nodes/lab-box')).json.displayName).toBe('Lab Box');
    expect((await api(gw, '/v1/pairing')).json.paired).toEqual([expect.objectContaining({ nodeId, displayName: 'Lab Box' })]);

    await node.stop();
    stops.pop();
    await poll(async () => ((await api(gw, `/v1/nodes/${nodeId}`)).json.connected === false ? true : undefined), 'the node to drop');
    const offline = await api(gw, `/v1/nodes/${nodeId}/invoke`, { body: { command: 'system.which', params: { bins: ['sh'] } } });
    expect(offline.status).toBe(503);
    expect(offline.json.error).toMatchObject({ code: 'NOT_CONNECTED', message: 'node not connected', details: { nodeCommandDispatched: false } });

    const removed = await api(gw, `/v1/nodes/${nodeId}`, { method: 'DELETE' });
    expect(removed.json).toEqual({ nodeId });
    expect((await api(gw, '/v1/nodes')).json.nodes).toEqual([]);
  });

  it('lists and rejects the device pairing request of a node on a gateway without silent pairing', async () => {
    await gw.stop();
    gw = await startTestGateway({ autoApproveLocal: false });
    const node = await startNode(gw, 'Remote Box');
    stops.push(node.stop);
    const asked = await poll(async () => (await api(gw, '/v1/pairing')).json.pending[0], 'a device pairing request');
    expect(asked).toMatchObject({ kind: 'device-pairing', displayName: 'Remote Box', reason: 'not-paired' });
    expect((await api(gw, '/v1/devices')).json.pending).toEqual([expect.objectContaining({ requestId: asked.requestId, role: 'node' })]);

    const rejected = await api(gw, `/v1/pairing/${asked.requestId}/reject`, { method: 'POST' });
    expect(rejected.json).toEqual({ requestId: asked.requestId, nodeId: asked.nodeId });
    expect((await api(gw, '/v1/pairing')).json.pending).toEqual([]);
    const again = await api(gw, `/v1/pairing/${asked.requestId}/approve`, { method: 'POST' });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('UNKNOWN_REQUEST_ID');
  });

  it('answers bad input with coded errors and keeps serving', async () => {
    const node = await startNode(gw, 'Build Node');
    stops.push(node.stop);
    const { nodeId } = await approveOverHttp(gw, 'Build Node');
    const invoke = `/v1/nodes/${nodeId}/invoke`;

    const malformed = await api(gw, invoke, { raw: '{"command": "system.which",', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('not valid JSON'), details: { reason: 'malformed-json' } });

    const missing = await api(gw, invoke, { body: { params: {} } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toBe("invalid request body: must have required property 'command'");

    const extra = await api(gw, invoke, { body: { command: 'system.which', nodeId: 'other' } });
    expect(extra.json.error.message).toContain("must NOT have additional properties: 'nodeId'");

    const huge = await api(gw, invoke, { body: { command: 'system.which', params: { bins: ['x'.repeat(1024 * 1024)] } } });
    expect(huge.status).toBe(413);
    expect(huge.json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1024 * 1024 } });

    const unknownNode = await api(gw, '/v1/nodes/no-such-node/invoke', { body: { command: 'system.which' } });
    expect(unknownNode.status).toBe(404);
    expect(unknownNode.json.error).toMatchObject({ code: 'NODE_NOT_FOUND', message: expect.stringContaining('unknown node: no-such-node') });

    const undeclared = await api(gw, invoke, { body: { command: 'system.notify', params: {} } });
    expect(undeclared.status).toBe(403);
    expect(undeclared.json.error.code).toBe('COMMAND_NOT_DECLARED');

    const nodeError = await api(gw, invoke, { body: { command: 'system.which', params: { bins: 'sh' } } });
    expect(nodeError.status).toBe(503);
    expect(nodeError.json.error.details.nodeError.code).toBe('INVALID_REQUEST');

    const emptyName = await api(gw, `/v1/nodes/${nodeId}`, { method: 'PATCH', body: { displayName: '' } });
    expect(emptyName.status).toBe(400);

    for (const [method, path] of [['GET', '/v1/nope'], ['DELETE', '/v1/pairing'], ['GET', '/nope']]) {
      const res = await api(gw, path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error).toMatchObject({ code: 'UNKNOWN_ROUTE', details: { method, path } });
    }

    const still = await api(gw, invoke, { body: { command: 'system.which', params: { bins: ['sh'] } } });
    expect(still.status).toBe(200);
  });

  it('answers 504 when a node stays silent past timeoutMs, and 409 when a name matches two nodes', async () => {
    const silent: RawClient[] = [];
    for (let i = 0; i < 2; i++) {
      const node = await RawClient.open(gw.url);
      node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity: generateDeviceIdentity(), displayName: 'Twin' }));
      await node.next((f) => f.type === 'res' && f.ok);
      silent.push(node);
    }
    for (const p of (await api(gw, '/v1/pairing')).json.pending) await api(gw, `/v1/pairing/${p.requestId}/approve`, { method: 'POST' });

    const ambiguous = await api(gw, '/v1/nodes/twin');
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.json.error).toMatchObject({ code: 'NODE_AMBIGUOUS', details: { candidates: expect.arrayContaining([expect.any(String), expect.any(String)]) } });

    const [first] = ambiguous.json.error.details.candidates;
    const timedOut = await api(gw, `/v1/nodes/${first}/invoke`, { body: { command: 'system.which', params: { bins: ['sh'] }, timeoutMs: 200 } });
    expect(timedOut.status).toBe(504);
    expect(timedOut.json.error).toMatchObject({ code: 'TIMEOUT', message: 'TIMEOUT: node invoke timed out' });
    for (const node of silent) node.close();
  });

  it('describes every route in /v1/openapi.json from the schemas it validates with', async () => {
    const { json: doc } = await api(gw, '/v1/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    const invoke = doc.paths['/v1/nodes/{node}/invoke'].post;
    expect(invoke).toMatchObject({ 'x-openclaw-method': 'node.invoke', 'x-openclaw-scopes': ['operator.write'] });
    expect(invoke.parameters).toEqual([expect.objectContaining({ name: 'node', in: 'path', required: true })]);
    const body = invoke.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['command']);
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['command', 'params', 'timeoutMs', 'idempotencyKey']));
    expect(body.additionalProperties).toBe(false);
    expect(doc.paths['/v1/pairing/{requestId}/approve'].post['x-openclaw-scopes']).toEqual(['operator.pairing']);
    expect(doc.paths['/v1/nodes/{node}'].patch.requestBody.content['application/json'].schema.required).toEqual(['displayName']);
  });
});
