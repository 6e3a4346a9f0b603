import { afterEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, type DeviceIdentity } from '@openclaw-nodes/core/identity';
import { RawClient, nodeConnect, operatorDeviceConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { api, operatorDeviceToken, type TestGateway } from '../http/http-kit.js';

const PAIRING = ['operator.pairing'];
const PAIRING_ADMIN = ['operator.pairing', 'operator.admin'];

type Device = { identity: DeviceIdentity; deviceId: string; token: string };

/** A signed operator connect of `device` with its device token; the socket stays open when accepted. */
async function connectDevice(gw: TestGateway, device: Device, scopes: string[]) {
  const client = await RawClient.open(gw.url);
  client.send(operatorDeviceConnect(await client.challenge(), { identity: device.identity, scopes, deviceToken: device.token }));
  const res = await client.next((f) => f.type === 'res');
  return { res, client };
}

/** The attacker's first move: ask for admin with its device token and keep the request id it is given. */
async function askForAdmin(gw: TestGateway, device: Device): Promise<string> {
  const { res, client } = await connectDevice(gw, device, PAIRING_ADMIN);
  client.close();
  expect(res.ok).toBe(false);
  expect(res.error).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED', reason: 'scope-upgrade', deviceId: device.deviceId } });
  return res.error.details.requestId as string;
}

/** Asking for admin again: granted only once someone with the authority approved it. */
async function adminConnect(gw: TestGateway, device: Device) {
  const { res, client } = await connectDevice(gw, device, PAIRING_ADMIN);
  client.close();
  return res;
}

describe('pairing approval authority', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.stop();
  });

  it('refuses a pairing-only device approving its own admin upgrade over WebSocket; an admin device approves it', async () => {
    gw = await startTestGateway();
    const attacker = await operatorDeviceToken(gw, PAIRING);
    const requestId = await askForAdmin(gw, attacker);

    const own = await connectDevice(gw, attacker, PAIRING);
    expect(own.res.ok).toBe(true);
    const self = await own.client.request('device.pair.approve', { requestId });
    expect(self.ok).toBe(false);
    expect(self.error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'device pairing approval denied',
      details: { code: 'PAIRING_APPROVAL_DENIED', reason: 'own-device', requestId },
    });
    own.client.close();

    // Another device holding only operator.pairing cannot grant operator.admin either.
    const peer = await connectDevice(gw, await operatorDeviceToken(gw, PAIRING), PAIRING);
    const byPeer = await peer.client.request('device.pair.approve', { requestId });
    expect(byPeer.error).toMatchObject({
      message: 'device pairing approval denied',
      details: { code: 'PAIRING_APPROVAL_DENIED', reason: 'missing-scope', missingScope: 'operator.admin' },
    });
    peer.client.close();

    const stillHeld = await adminConnect(gw, attacker);
    expect(stillHeld.error).toMatchObject({ details: { code: 'PAIRING_REQUIRED', requestId } });

    const admin = await connectDevice(gw, await operatorDeviceToken(gw, PAIRING_ADMIN), PAIRING_ADMIN);
    expect((await admin.client.request('device.pair.approve', { requestId })).ok).toBe(true);
    admin.client.close();
    const upgraded = await adminConnect(gw, attacker);
    expect(upgraded.ok).toBe(true);
    expect(upgraded.payload.auth.scopes).toEqual(PAIRING_ADMIN);
  });

  it('refuses the same self-approval over HTTP with the device token; the gateway token approves it', async () => {
    gw = await startTestGateway();
    const attacker = await operatorDeviceToken(gw, PAIRING);
    const requestId = await askForAdmin(gw, attacker);
    const path = `/v1/devices/requests/${requestId}/approve`;

    const self = await api(gw, path, { method: 'POST', token: attacker.token });
    expect(self.status).toBe(403);
    expect(self.json.error).toMatchObject({ code: 'PAIRING_APPROVAL_DENIED', message: 'device pairing approval denied', details: { reason: 'own-device' } });

    const peer = await operatorDeviceToken(gw, PAIRING);
    const byPeer = await api(gw, path, { method: 'POST', token: peer.token });
    expect(byPeer.status).toBe(403);
    expect(byPeer.json.error).toMatchObject({ code: 'PAIRING_APPROVAL_DENIED', details: { reason: 'missing-scope', missingScope: 'operator.admin' } });
    expect((await adminConnect(gw, attacker)).ok).toBe(false);

    const approved = await api(gw, path, { method: 'POST' });
    expect(approved.status).toBe(200);
    expect(approved.json.device.scopes).toEqual(PAIRING_ADMIN);
    expect((await adminConnect(gw, attacker)).ok).toBe(true);
  });

  it("refuses a device approving its own node's command surface, over WebSocket and HTTP", async () => {
    gw = await startTestGateway();
    const scopes = ['operator.pairing', 'operator.write'];
    const operatorSide = await operatorDeviceToken(gw, scopes);
    // The same identity runs a node host; on loopback its pairing is silent, its surface is not.
    const node = await RawClient.open(gw.url);
    node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity: operatorSide.identity, caps: ['canvas'], commands: ['canvas.present'] }));
    expect((await node.next((f) => f.type === 'res')).ok).toBe(true);
    const pending = (await api(gw, '/v1/pairing')).json.pending.find((p: any) => p.nodeId === operatorSide.deviceId);
    expect(pending.requiredApproveScopes).toEqual(scopes);

    const own = await connectDevice(gw, operatorSide, scopes);
    const self = await own.client.request('node.pair.approve', { requestId: pending.requestId });
    expect(self.error).toMatchObject({ message: 'node pairing approval denied', details: { code: 'PAIRING_APPROVAL_DENIED', reason: 'own-device' } });
    own.client.close();
    const overHttp = await api(gw, `/v1/pairing/${pending.requestId}/approve`, { method: 'POST', token: operatorSide.token });
    expect(overHttp.status).toBe(403);
    expect(overHttp.json.error.details.reason).toBe('own-device');

    const approved = await api(gw, `/v1/pairing/${pending.requestId}/approve`, { method: 'POST' });
    expect(approved.json.node.commands).toEqual(['canvas.present']);
    node.close();
  });

  it('records no operator scopes for a node, so approving a node cannot arm a later operator connect', async () => {
    gw = await startTestGateway({ autoApproveLocal: false });
    const identity = generateDeviceIdentity();
    const node = await RawClient.open(gw.url);
    node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity, scopes: ['operator.admin'] }));
    const held = await node.next((f) => f.type === 'res');
    expect(held.error.details.code).toBe('PAIRING_REQUIRED');
    expect((await api(gw, `/v1/pairing/${held.error.details.requestId}/approve`, { method: 'POST' })).status).toBe(200);

    // The operator role on its own (no scopes) is approved next, as a harmless request.
    const asOperator = async (o: { token?: string; deviceToken?: string }, scopes: string[]) => {
      const c = await RawClient.open(gw.url);
      c.send(operatorDeviceConnect(await c.challenge(), { identity, scopes, ...o }));
      const res = await c.next((f) => f.type === 'res');
      c.close();
      return res;
    };
    const roleRequest = await asOperator({ token: TEST_TOKEN }, []);
    expect(roleRequest.error.details.reason).toBe('role-upgrade');
    expect((await api(gw, `/v1/devices/requests/${roleRequest.error.details.requestId}/approve`, { method: 'POST' })).status).toBe(200);
    const paired = (await api(gw, '/v1/devices')).json.paired.find((d: any) => d.deviceId === identity.deviceId);
    expect(paired.scopes).toEqual([]);

    const hello = await asOperator({ token: TEST_TOKEN }, []);
    const admin = await asOperator({ deviceToken: hello.payload.auth.deviceToken }, ['operator.admin']);
    expect(admin.ok).toBe(false);
    expect(admin.error.details).toMatchObject({ code: 'PAIRING_REQUIRED', reason: 'scope-upgrade' });
    node.close();
  });

  it("keeps a pairing-only device token to its own device: it cannot list, reject, remove or rename others", async () => {
    gw = await startTestGateway();
    const admin = await operatorDeviceToken(gw, PAIRING_ADMIN);
    const pairer = await operatorDeviceToken(gw, PAIRING);
    // Two nodes behind a proxy (so not approved silently): one waits, one is paired by the gateway token.
    const proxied = { 'x-forwarded-for': '198.51.100.7' };
    const stranger = await RawClient.open(gw.url, proxied);
    stranger.send(nodeConnect(await stranger.challenge(), { token: TEST_TOKEN, identity: generateDeviceIdentity() }));
    const waiting = (await stranger.next((f) => f.type === 'res')).error.details;
    stranger.close();
    const nodeIdentity = generateDeviceIdentity();
    const node = await RawClient.open(gw.url, proxied);
    node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity: nodeIdentity }));
    const nodeRequest = (await node.next((f) => f.type === 'res')).error.details.requestId;
    node.close();
    expect((await api(gw, `/v1/pairing/${nodeRequest}/approve`, { method: 'POST' })).status).toBe(200);

    const listed = await api(gw, '/v1/devices', { token: pairer.token });
    expect(listed.status).toBe(200);
    expect(listed.json.paired.map((d: any) => d.deviceId)).toEqual([pairer.deviceId]);
    expect(listed.json.pending).toEqual([]);
    expect((await api(gw, '/v1/pairing', { token: pairer.token })).json).toEqual({ pending: [], paired: [] });

    const removeAdmin = await api(gw, `/v1/devices/${admin.deviceId}`, { method: 'DELETE', token: pairer.token });
    expect(removeAdmin.status).toBe(403);
    expect(removeAdmin.json.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'other-device' } });
    expect((await api(gw, `/v1/devices/requests/${waiting.requestId}/reject`, { method: 'POST', token: pairer.token })).status).toBe(403);
    const ws = await connectDevice(gw, pairer, PAIRING);
    const rename = await ws.client.request('node.rename', { nodeId: nodeIdentity.deviceId, displayName: 'mine now' });
    expect(rename.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'other-device' } });
    const removeNode = await ws.client.request('node.pair.remove', { nodeId: nodeIdentity.deviceId });
    expect(removeNode.error).toMatchObject({ code: 'FORBIDDEN' });
    ws.client.close();

    // Everything is still there, and an admin device may manage it.
    const all = (await api(gw, '/v1/devices', { token: admin.token })).json;
    expect(all.paired.map((d: any) => d.deviceId)).toEqual(expect.arrayContaining([admin.deviceId, pairer.deviceId, nodeIdentity.deviceId]));
    expect(all.pending.map((p: any) => p.requestId)).toContain(waiting.requestId);
    expect((await api(gw, `/v1/devices/requests/${waiting.requestId}/reject`, { method: 'POST', token: admin.token })).status).toBe(200);
    // Its own pairing stays its own to remove.
    expect((await api(gw, `/v1/devices/${pairer.deviceId}`, { method: 'DELETE', token: pairer.token })).status).toBe(200);
  });

  it('replaces a pending request when the device asks for more, so no id grants less than it shows', async () => {
    gw = await startTestGateway();
    const device = await operatorDeviceToken(gw, PAIRING);
    const ask = async (scopes: string[]) => (await connectDevice(gw, device, scopes)).res.error.details;
    const first = await ask([...PAIRING, 'operator.write']);
    expect(first.requestedScopes).toEqual([...PAIRING, 'operator.write']);
    // Asking again for the same or less keeps the request and says what it grants.
    expect(await ask([...PAIRING, 'operator.write'])).toMatchObject({ requestId: first.requestId });
    expect(await ask(['operator.write'])).toMatchObject({ requestId: first.requestId, requestedScopes: [...PAIRING, 'operator.write'] });
    // Asking for more makes a new request holding both asks; the old id is gone.
    const wider = await ask([...PAIRING, 'operator.admin']);
    expect(wider.requestId).not.toBe(first.requestId);
    expect(wider.requestedScopes).toEqual([...PAIRING, 'operator.write', 'operator.admin']);
    const pending = (await api(gw, '/v1/devices')).json.pending.filter((p: any) => p.deviceId === device.deviceId);
    expect(pending.map((p: any) => [p.requestId, p.scopes])).toEqual([[wider.requestId, [...PAIRING, 'operator.write', 'operator.admin']]]);
    expect((await api(gw, `/v1/devices/requests/${first.requestId}/approve`, { method: 'POST' })).status).toBe(404);
    expect((await api(gw, `/v1/devices/requests/${wider.requestId}/approve`, { method: 'POST' })).status).toBe(200);
    const admin = await connectDevice(gw, device, [...PAIRING, 'operator.admin']);
    expect(admin.res.ok).toBe(true);
    admin.client.close();
  });
});
