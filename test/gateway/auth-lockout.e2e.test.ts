import { afterEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { api, httpBase, operatorDeviceToken, type TestGateway } from '../http/http-kit.js';

/** Behind a proxy on loopback: the peer is not local, so its failures count. */
const PROXIED = { 'X-Forwarded-For': '198.51.100.23' };

/** One WebSocket connect with `token`; returns the response frame. */
async function wsConnect(gw: TestGateway, token: string, headers?: Record<string, string>, localProof = true) {
  const c = await RawClient.open(gw.url, headers, { localProof });
  await c.challenge();
  c.send(operatorConnect(token, ['operator.read']));
  const res = await c.next((f) => f.type === 'res');
  c.close();
  return res;
}

const httpCall = (gw: TestGateway, token: string, headers?: Record<string, string>) => api(gw, '/v1/nodes', { token, headers });

describe('failed authentication lockout', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.stop();
  });

  it('keeps counting failures when the same address also logs in with a valid token', async () => {
    gw = await startTestGateway();
    // Nine failures over both faces, each followed by a valid login from the same address.
    for (let i = 0; i < 9; i++) {
      if (i % 2 === 0) {
        expect((await httpCall(gw, `guess-${i}`, PROXIED)).status).toBe(401);
        expect((await wsConnect(gw, TEST_TOKEN, PROXIED)).ok).toBe(true);
      } else {
        expect((await wsConnect(gw, `guess-${i}`, PROXIED)).error.details.code).toBe('AUTH_TOKEN_MISMATCH');
        expect((await httpCall(gw, TEST_TOKEN, PROXIED)).status).toBe(200);
      }
    }
    // The tenth failure locks the address, successes in between notwithstanding.
    expect((await httpCall(gw, 'guess-9', PROXIED)).status).toBe(401);
    const http = await httpCall(gw, TEST_TOKEN, PROXIED);
    expect(http.status).toBe(429);
    expect(http.json.error.code).toBe('AUTH_RATE_LIMITED');
    expect((await wsConnect(gw, TEST_TOKEN, PROXIED)).error.details.code).toBe('AUTH_RATE_LIMITED');
    const tool = await api(gw, '/tools/invoke', { body: { tool: 'exec', args: { command: 'true' } }, headers: PROXIED });
    expect(tool.status).toBe(429);
    expect(tool.json.error.code).toBe('AUTH_RATE_LIMITED');
  });

  it('does not lift a proxied lockout when a loopback client logs in, over HTTP or WebSocket', async () => {
    gw = await startTestGateway();
    for (let i = 0; i < 10; i++) expect((await httpCall(gw, `guess-${i}`, PROXIED)).status).toBe(401);
    expect((await wsConnect(gw, TEST_TOKEN, PROXIED)).error.details.code).toBe('AUTH_RATE_LIMITED');

    // The local user is never locked out...
    expect((await httpCall(gw, TEST_TOKEN)).status).toBe(200);
    expect((await wsConnect(gw, TEST_TOKEN)).ok).toBe(true);
    // ...and its logins leave the proxied clients' lockout in place.
    expect((await httpCall(gw, TEST_TOKEN, PROXIED)).status).toBe(429);
    const ws = await wsConnect(gw, TEST_TOKEN, PROXIED);
    expect(ws.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_RATE_LIMITED' } });
    expect(ws.error.retryAfterMs).toBeGreaterThan(60_000);
  });

  it('locks out a loopback client without the local proof, whatever Host it names, but a paired node behind the same address still connects', async () => {
    gw = await startTestGateway();
    const { port } = new URL(gw.url);
    const node = generateDeviceIdentity();
    const nodeConnectWith = async (token: string, localProof: boolean, identity = node) => {
      const c = await RawClient.open(gw.url, { host: `127.0.0.1:${port}` }, { localProof });
      c.send(nodeConnect(await c.challenge(), { token, identity }));
      const res = await c.next((f) => f.type === 'res');
      c.close();
      return res;
    };
    // Paired beforehand, from this machine.
    expect((await nodeConnectWith(TEST_TOKEN, true)).ok).toBe(true);

    // A flood of guesses from loopback strangers (the far end of a tunnel): the address locks.
    for (let i = 0; i < 10; i++) expect((await wsConnect(gw, `guess-${i}`, undefined, false)).error.details.code).toBe('AUTH_TOKEN_MISMATCH');
    expect((await wsConnect(gw, TEST_TOKEN, undefined, false)).error.details.code).toBe('AUTH_RATE_LIMITED');
    expect((await api(gw, '/v1/nodes', { localProof: false })).status).toBe(429);
    // A device nobody paired proves nothing and is held with its address...
    expect((await nodeConnectWith(TEST_TOKEN, false, generateDeviceIdentity())).error.details.code).toBe('AUTH_RATE_LIMITED');
    // ...while the paired node, signing with its key, still connects through the same address.
    expect((await nodeConnectWith(TEST_TOKEN, false)).ok).toBe(true);
  });

  it('lets paired devices through over HTTP after a tunnel flood: a node uploading media and an operator device, by their device tokens', async () => {
    gw = await startTestGateway();
    const identity = generateDeviceIdentity();
    const c = await RawClient.open(gw.url);
    c.send(nodeConnect(await c.challenge(), { token: TEST_TOKEN, identity }));
    const nodeToken: string = (await c.next((f) => f.type === 'res')).payload.auth.deviceToken;
    c.close();
    const operator = await operatorDeviceToken(gw, ['operator.read']);

    for (let i = 0; i < 10; i++) expect((await api(gw, '/v1/nodes', { token: `guess-${i}`, localProof: false })).status).toBe(401);
    expect((await api(gw, '/v1/nodes', { localProof: false })).json.error.code).toBe('AUTH_RATE_LIMITED');
    const upload = (token: string) => fetch(`${httpBase(gw)}/node/media/no-such-slot`, { method: 'PUT', body: 'x', headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
    // The paired node's upload reaches its slot check (this slot does not exist), not the lockout.
    expect((await upload(nodeToken)).json.error.code).toBe('MEDIA_NOT_FOUND');
    expect(await api(gw, '/v1/nodes', { token: operator.token, localProof: false })).toMatchObject({ status: 200 });
    // Guesses from the address still meet the lockout, over either route.
    expect((await upload('guess-node-token')).json.error.code).toBe('AUTH_RATE_LIMITED');
    expect((await api(gw, '/v1/nodes', { token: 'guess-x', localProof: false })).json.error.code).toBe('AUTH_RATE_LIMITED');
  });
});
