import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { localProofFor } from '../support/local-proof.js';
import { operatorConnect, RawClient } from '../support/raw-client.js';
import { api, httpBase, operatorDeviceToken, type TestGateway } from './http-kit.js';

function upgrade(url: string, origin: string, host?: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { origin, ...(host ? { host } : {}) } });
    ws.once('open', () => (ws.close(), resolve('open')));
    ws.once('error', (err) => resolve(err.message));
  });
}

/**
 * A GET with a chosen Host header, as a DNS-rebound page would send (fetch cannot set Host),
 * with the gateway's local proof unless `localProof` is false.
 */
async function getWithHost(gw: TestGateway, path: string, host: string, localProof = true): Promise<number> {
  const proof = localProof ? await localProofFor(gw.url) : {};
  return new Promise((resolve, reject) => {
    const req = request(`${httpBase(gw)}${path}`, { headers: { host, ...proof } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('HTTP control API: authentication and origins', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.stop();
  });

  it('answers 401 without a token or with a wrong one, never reads a cookie, and locks out a remote address with 429', async () => {
    gw = await startTestGateway();
    const missing = await api(gw, '/v1/nodes', { token: null, headers: { cookie: `token=${TEST_TOKEN}` } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(missing.json.error.code).toBe('AUTH_TOKEN_MISSING');
    const basic = await api(gw, '/v1/nodes', { token: null, headers: { authorization: `Basic ${Buffer.from(`x:${TEST_TOKEN}`).toString('base64')}` } });
    expect(basic.json.error.code).toBe('AUTH_TOKEN_MISSING');
    const wrong = await api(gw, '/v1/nodes', { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('AUTH_TOKEN_MISMATCH');
    expect((await api(gw, '/metrics', { token: null })).status).toBe(401);
    expect((await api(gw, '/v1/events', { token: 'wrong' })).status).toBe(401);

    // Behind a proxy the peer is not local, so its failures count toward a lockout.
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 10; i++) expect((await api(gw, '/v1/nodes', { token: `guess-${i}`, headers: proxied })).status).toBe(401);
    const locked = await api(gw, '/v1/nodes', { headers: proxied });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('AUTH_RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(200);

    // A local user is never locked out, and the gateway keeps serving.
    expect((await api(gw, '/v1/nodes')).status).toBe(200);
    expect((await fetch(`${httpBase(gw)}/health`)).status).toBe(200);
  });

  it('accepts an operator device token with the scopes its pairing approved, until the device is removed', async () => {
    gw = await startTestGateway();
    const reader = await operatorDeviceToken(gw, ['operator.read']);
    expect((await api(gw, '/v1/nodes', { token: reader.token })).status).toBe(200);
    const refused = await api(gw, `/v1/pairing/${randomUUID()}/approve`, { method: 'POST', token: reader.token });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'MISSING_SCOPE', details: { missingScope: 'operator.pairing' } });

    expect((await api(gw, `/v1/devices/${reader.deviceId}`, { method: 'DELETE' })).json).toEqual({ deviceId: reader.deviceId });
    expect((await api(gw, '/v1/nodes', { token: reader.token })).json.error.code).toBe('AUTH_TOKEN_MISMATCH');
  });

  it('refuses a foreign Origin on the API, on CORS preflights and on the WebSocket, and serves listed origins', async () => {
    gw = await startTestGateway({ allowedOrigins: ['https://ui.example'] });
    const evil = { origin: 'https://evil.example' };
    const api403 = await api(gw, '/v1/nodes', { headers: evil });
    expect(api403.status).toBe(403);
    expect(api403.json.error).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', details: { origin: 'https://evil.example' } });
    const preflight = await api(gw, '/v1/nodes', { method: 'OPTIONS', token: null, headers: { ...evil, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(await upgrade(gw.url, 'https://evil.example')).toContain('403');

    const ui = { origin: 'https://ui.example' };
    const allowedPreflight = await api(gw, '/v1/nodes', { method: 'OPTIONS', token: null, headers: { ...ui, 'access-control-request-method': 'GET' } });
    expect(allowedPreflight.status).toBe(204);
    expect(allowedPreflight.headers.get('access-control-allow-origin')).toBe('https://ui.example');
    expect(allowedPreflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const listed = await api(gw, '/v1/nodes', { headers: ui });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://ui.example');
    expect(await upgrade(gw.url, 'https://ui.example')).toBe('open');

    const own = await api(gw, '/v1/nodes', { headers: { origin: httpBase(gw) } });
    expect(own.status).toBe(200);
  });

  it('with auth mode none serves local clients (the local proof) naming a loopback Host only, over HTTP and WebSocket', async () => {
    gw = await startTestGateway({ authMode: 'none', token: undefined });
    const { port } = new URL(gw.url);
    expect(await getWithHost(gw, '/v1/nodes', `127.0.0.1:${port}`)).toBe(200);
    expect(await getWithHost(gw, '/v1/nodes', `localhost:${port}`)).toBe(200);
    expect(await getWithHost(gw, '/v1/nodes', `rebind.example:${port}`)).toBe(401);
    // A loopback client without the proof (the far end of a tunnel) writes the right Host in vain.
    expect(await getWithHost(gw, '/v1/nodes', `127.0.0.1:${port}`, false)).toBe(401);
    expect((await api(gw, '/v1/nodes', { token: null, headers: { 'x-forwarded-for': '198.51.100.1' } })).status).toBe(401);
    // A rebound page's Origin matches its Host; the WebSocket needs no token here, so it is refused too.
    expect(await upgrade(gw.url, `http://rebind.example:${port}`, `rebind.example:${port}`)).toContain('403');
    expect(await upgrade(gw.url, httpBase(gw))).toBe('open');

    // A connect through a local proxy carries no credential and is not the local user.
    const proxied = await RawClient.open(gw.url, { 'x-forwarded-for': '198.51.100.1' });
    await proxied.challenge();
    const frame = operatorConnect(undefined, ['operator.admin']);
    proxied.send(frame);
    const refused = await proxied.next((f) => f.type === 'res');
    expect(refused.error?.message).toBe('unauthorized: gateway token missing (provide gateway auth token)');
    const stranger = await RawClient.open(gw.url, { host: `127.0.0.1:${port}` }, { localProof: false });
    await stranger.challenge();
    stranger.send(frame);
    expect((await stranger.next((f) => f.type === 'res')).error?.message).toBe('unauthorized: gateway token missing (provide gateway auth token)');
    const local = await RawClient.open(gw.url);
    await local.challenge();
    local.send(frame);
    expect((await local.next((f) => f.type === 'res')).ok).toBe(true);
    local.close();
  });

  it('with auth mode none treats every proxy header as a proxied client, over HTTP and WebSocket', async () => {
    gw = await startTestGateway({ authMode: 'none', token: undefined });
    // Four headers, two failures each: under the lockout's ten.
    const headers = ['Via', 'X-Forwarded-Server', 'True-Client-IP', 'CF-Connecting-IP'];
    for (const name of headers) {
      const value = name === 'Via' ? '1.1 proxy.example' : name === 'X-Forwarded-Server' ? 'proxy.example' : '198.51.100.1';
      expect({ name, status: (await api(gw, '/v1/nodes', { token: null, headers: { [name]: value } })).status }).toEqual({ name, status: 401 });
      const proxied = await RawClient.open(gw.url, { [name]: value });
      await proxied.challenge();
      proxied.send(operatorConnect(undefined, ['operator.admin']));
      const res = await proxied.next((f) => f.type === 'res');
      expect({ name, error: res.error?.message }).toEqual({ name, error: 'unauthorized: gateway token missing (provide gateway auth token)' });
      proxied.close();
    }
  });
});
