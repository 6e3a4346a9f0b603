import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, httpBase, type TestGateway } from '../http/http-kit.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { MP4, bulkGateway, handNode, startInvoke } from './media-oob-kit.js';

const slotFor = (node: Awaited<ReturnType<typeof handNode>>, invokeId: string, bytes = MP4.length) =>
  node.ws.request('node.media.upload', { invokeId, contentType: 'video/mp4', bytes });

const put = (gw: TestGateway, path: string, token: string | undefined, body: Buffer = MP4) =>
  fetch(`${httpBase(gw)}${path}`, { method: 'PUT', body, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

/** Starts a `PUT` that promises the whole MP4 and sends only `sent` bytes of it; the socket stays open. */
async function stalledPut(gw: TestGateway, path: string, token: string, sent: number) {
  const { port } = new URL(httpBase(gw));
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`PUT ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${MP4.length}\r\n\r\n`);
  socket.write(MP4.subarray(0, sent));
  return socket;
}

describe('out-of-band upload slots', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw?.stop();
  });

  it('gives a slot only for an invoke the node is serving, once, to that node only, and refuses anyone without its node token', async () => {
    gw = await bulkGateway();
    const a = await handNode(gw, 'Node A');
    const b = await handNode(gw, 'Node B');
    expect((await slotFor(a, 'no-such-invoke')).error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'MEDIA_NOT_FOUND' } });

    const call = await startInvoke(gw, a);
    expect((await slotFor(b, call.id)).error.details.code).toBe('MEDIA_NOT_FOUND');
    const slot = (await slotFor(a, call.id)).payload;
    expect(slot.uploadPath).toMatch(/^\/node\/media\/[A-Za-z0-9_-]{43}$/);

    expect((await put(gw, slot.uploadPath, undefined)).status).toBe(401);
    // The operator's token is not a node's: uploads take node device tokens only.
    expect((await put(gw, slot.uploadPath, TEST_TOKEN)).status).toBe(401);
    const other = await put(gw, slot.uploadPath, b.deviceToken);
    expect(other.status).toBe(404);
    expect(((await other.json()) as any).error.code).toBe('MEDIA_NOT_FOUND');

    const stored = await put(gw, slot.uploadPath, a.deviceToken);
    expect(stored.status).toBe(201);
    const { url } = (await stored.json()) as any;
    expect((await put(gw, slot.uploadPath, a.deviceToken)).status).toBe(404);

    a.ws.send({ type: 'req', id: 'res-1', method: 'node.invoke.result', params: { id: call.id, nodeId: a.nodeId, ok: true, payloadJSON: JSON.stringify({ format: 'mp4', url }) } });
    const answer = await call.answer;
    expect(answer.json.payload).toEqual({ format: 'mp4', url });
    const bytes = await fetch(`${httpBase(gw)}${url}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(Buffer.from(await bytes.arrayBuffer()).equals(MP4)).toBe(true);

    // Node B may not pass A's media off as its own result.
    const stolen = await startInvoke(gw, b);
    b.ws.send({ type: 'req', id: 'res-2', method: 'node.invoke.result', params: { id: stolen.id, nodeId: b.nodeId, ok: true, payloadJSON: JSON.stringify({ format: 'mp4', url }) } });
    const refused = await stolen.answer;
    expect(refused.status).toBe(502);
    expect(refused.json.error).toMatchObject({ code: 'MEDIA_PAYLOAD_INVALID', message: 'the node answered with a media url it did not upload for this call (or that expired)' });
    // Nor dressed up as an absolute URL, which a client would resolve against its own gateway.
    const dressed = await startInvoke(gw, b);
    b.ws.send({ type: 'req', id: 'res-3', method: 'node.invoke.result', params: { id: dressed.id, nodeId: b.nodeId, ok: true, payloadJSON: JSON.stringify({ format: 'mp4', url: `${httpBase(gw)}${url}` }) } });
    expect((await dressed.answer).json.error.code).toBe('MEDIA_PAYLOAD_INVALID');
    a.ws.close();
    b.ws.close();
  });

  it('refuses another node\'s media url however it is encoded, as the router would decode it', async () => {
    gw = await bulkGateway();
    const a = await handNode(gw, 'Node A');
    const b = await handNode(gw, 'Node B');
    const call = await startInvoke(gw, a);
    const { url } = (await (await put(gw, (await slotFor(a, call.id)).payload.uploadPath, a.deviceToken)).json()) as any;
    const id = url.slice('/v1/media/'.length);
    // The router decodes the path before matching: this spelling fetches A's media.
    expect((await api(gw, `/v1/%6Dedia/${id}`)).status).toBe(200);
    const forms = [`/v1/%6Dedia/${id}`, `/v1/%256Dedia/${id}`, `/v1//media/${id}`, `/V1/Media/${id}`, `/v1/x/..%2Fmedia/${id}`, `/v1\\media/${id}`, `${httpBase(gw)}/v1/%6d%65dia/${id}`];
    for (const [i, form] of forms.entries()) {
      const stolen = await startInvoke(gw, b);
      b.ws.send({ type: 'req', id: `res-${i}`, method: 'node.invoke.result', params: { id: stolen.id, nodeId: b.nodeId, ok: true, payloadJSON: JSON.stringify({ format: 'mp4', url: form }) } });
      const answer = await stolen.answer;
      expect({ form, code: answer.json.error?.code }).toEqual({ form, code: 'MEDIA_PAYLOAD_INVALID' });
    }
    a.ws.close();
    b.ws.close();
  });

  it('refuses an upload over or short of its declared size and leaves no partial file', async () => {
    gw = await bulkGateway();
    const a = await handNode(gw, 'Node A');
    const call = await startInvoke(gw, a);
    const over = await put(gw, (await slotFor(a, call.id)).payload.uploadPath, a.deviceToken, Buffer.concat([MP4, Buffer.alloc(1)]));
    expect(over.status).toBe(413);
    expect(((await over.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');

    // A sender that promises the full length and stops half way.
    const slot = (await slotFor(a, call.id)).payload;
    const socket = await stalledPut(gw, slot.uploadPath, a.deviceToken, 1_000);
    await poll(async () => (readdirSync(join(gw.stateDir, 'media')).length === 1 ? true : undefined), 'the partial upload on disk');
    socket.destroy();
    await poll(async () => (readdirSync(join(gw.stateDir, 'media')).length === 0 ? true : undefined), 'the partial upload removed');
    expect((await put(gw, slot.uploadPath, a.deviceToken)).status).toBe(404);

    expect((await slotFor(a, call.id, 300 * 1024 * 1024)).error).toMatchObject({ details: { code: 'PAYLOAD_TOO_LARGE' } });
    a.ws.close();
  });

  it('bounds uploads running at once and the bytes stored and promised', async () => {
    gw = await bulkGateway({ media: { maxConcurrentUploads: 1, maxStoredBytes: 3 * MP4.length } });
    const a = await handNode(gw, 'Node A');
    const call = await startInvoke(gw, a);
    const stalled = (await slotFor(a, call.id)).payload;
    const waiting = (await slotFor(a, call.id)).payload;
    // Three open slots promise all the store may hold: a fourth is refused.
    await slotFor(a, call.id);
    expect((await slotFor(a, call.id)).error).toMatchObject({ details: { code: 'MEDIA_STORE_FULL' } });
    const socket = await stalledPut(gw, stalled.uploadPath, a.deviceToken, 100);
    await poll(async () => (readdirSync(join(gw.stateDir, 'media')).length === 1 ? true : undefined), 'the first upload running');
    const busy = await put(gw, waiting.uploadPath, a.deviceToken);
    expect(busy.status).toBe(503);
    expect(((await busy.json()) as any).error.code).toBe('MEDIA_STORE_FULL');
    socket.destroy();
    a.ws.close();
  });

  it('bounds open slots per node, and lets a slot expire unused', async () => {
    gw = await bulkGateway({ media: { maxSlotsPerNode: 2, uploadWindowMs: 300 } });
    const a = await handNode(gw, 'Node A');
    const call = await startInvoke(gw, a);
    const first = (await slotFor(a, call.id)).payload;
    await slotFor(a, call.id);
    expect((await slotFor(a, call.id)).error).toMatchObject({ details: { code: 'MEDIA_STORE_FULL' } });
    // Refused until the unused slots expire; then one is handed out again and the old one is gone.
    await poll(async () => ((await slotFor(a, call.id)).ok ? true : undefined), 'an unused slot expiring');
    expect((await put(gw, first.uploadPath, a.deviceToken)).status).toBe(404);
    a.ws.close();
  });

  it('bounds the bytes one node stores and the slots it holds while uploading, leaving room for other nodes', async () => {
    gw = await bulkGateway({ media: { maxStoredBytesPerNode: 3 * MP4.length, maxSlotsPerNode: 2 } });
    const a = await handNode(gw, 'Node A');
    const b = await handNode(gw, 'Node B');
    const call = await startInvoke(gw, a);
    for (let i = 0; i < 3; i++) expect((await put(gw, (await slotFor(a, call.id)).payload.uploadPath, a.deviceToken)).status).toBe(201);
    const full = (await slotFor(a, call.id)).error;
    expect(full).toMatchObject({ details: { code: 'MEDIA_STORE_FULL' } });
    expect(full.message).toContain(`already holds ${3 * MP4.length} bytes`);
    expect(full.message).toContain(`its ${3 * MP4.length} bytes (gateway.media.maxStoredBytesPerNode)`);
    const other = await startInvoke(gw, b);
    expect((await put(gw, (await slotFor(b, other.id)).payload.uploadPath, b.deviceToken)).status).toBe(201);

    // A slot whose upload is running still counts against the node's slots.
    const stalled = (await slotFor(b, other.id)).payload;
    const socket = await stalledPut(gw, stalled.uploadPath, b.deviceToken, 100);
    await poll(async () => (readdirSync(join(gw.stateDir, 'media')).length === 5 ? true : undefined), 'the upload running');
    expect((await slotFor(b, other.id)).ok).toBe(true);
    const busy = (await slotFor(b, other.id)).error;
    expect(busy).toMatchObject({ details: { code: 'MEDIA_STORE_FULL' } });
    expect(busy.message).toContain('2 upload slots (open or uploading)');
    socket.destroy();
    a.ws.close();
    b.ws.close();
  });

  it('removes stored media at expiry, and what a killed gateway left at start', async () => {
    const state = tempDir('oc-media-leftover-');
    mkdirSync(join(state.path, 'media'), { recursive: true });
    writeFileSync(join(state.path, 'media', 'left-behind'), 'x');
    gw = await bulkGateway({ stateDir: state.path, media: { ttlMs: 500 } });
    expect(existsSync(join(state.path, 'media', 'left-behind'))).toBe(false);
    const a = await handNode(gw, 'Node A');
    const call = await startInvoke(gw, a);
    const { url } = (await (await put(gw, (await slotFor(a, call.id)).payload.uploadPath, a.deviceToken)).json()) as any;
    expect(readdirSync(join(state.path, 'media'))).toHaveLength(1);
    expect((await api(gw, url)).status).toBe(200);
    await poll(async () => (readdirSync(join(state.path, 'media')).length === 0 ? true : undefined), 'the expired file removed');
    const gone = await api(gw, url);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('MEDIA_NOT_FOUND');
    a.ws.close();
    state.cleanup();
  });
});
