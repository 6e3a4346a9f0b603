import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, httpBase } from '../http/http-kit.js';
import { handNode, startInvoke } from '../media/media-oob-kit.js';
import { stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/processes.js';
import { RedisServer } from '../support/redis-server.js';
import { answerWithUrl, bulkBytes, bulkMembers, fetchMedia, sha256, uploadFor } from './cluster-media-kit.js';

const MB = 1024 * 1024;

describe('gateway cluster on Redis: media between members against hostile nodes, messages and clients', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];
  let a: ClusterMemberGateway, c: ClusterMemberGateway;
  let node: Awaited<ReturnType<typeof handNode>>;

  beforeAll(async () => {
    redis = await RedisServer.start();
    members = await bulkMembers(redis.url, 'hostile');
    [a, , c] = members;
    for (const m of members) await poll(async () => (m.gateway.ctx.cluster!.status().peers.length === 2 ? true : undefined), 10_000, 'two peers');
    node = await handNode(c, 'Hand Node');
    await poll(async () => (a.gateway.ctx.registry.route(node.nodeId)?.conn.open ? true : undefined), 5_000, 'the node on C routable from A');
  }, 60_000);
  afterAll(async () => {
    node?.ws.close();
    await stopAll(members ?? []);
    await redis?.stop();
  });

  /** A call from A answered by the node on C with `data` uploaded for it: the url A's caller got. */
  async function mediaFromC(data: Buffer): Promise<string> {
    const call = await startInvoke(a, node);
    answerWithUrl(node, call.id, await uploadFor(c, node, call.id, data));
    const answer = await call.answer;
    expect(answer.status).toBe(200);
    return answer.json.payload.url;
  }

  it('refuses media the node did not upload for this call, or a qualified url it wrote itself, with MEDIA_PAYLOAD_INVALID on the caller', async () => {
    const first = await startInvoke(a, node);
    const own = await uploadFor(c, node, first.id, bulkBytes(4_000));
    answerWithUrl(node, first.id, own);
    const qualified = (await first.answer).json.payload.url as string;
    expect(qualified).toBe(own.replace('/v1/media/', `/v1/media/${c.gateway.ctx.bootId}.`));
    const id = own.slice('/v1/media/'.length);
    // Another call's media; the qualified form naming its holder; naming the caller's member; a member that is no member.
    for (const url of [own, qualified, `/v1/media/${a.gateway.ctx.bootId}.${id}`, `/v1/media/${randomUUID()}.${id}`, `/V1/MEDIA/${c.gateway.ctx.bootId}.${id}`]) {
      const call = await startInvoke(a, node);
      answerWithUrl(node, call.id, url);
      const refused = await call.answer;
      expect({ url, status: refused.status, code: refused.json.error?.code }).toEqual({ url, status: 502, code: 'MEDIA_PAYLOAD_INVALID' });
    }
    expect(a.gateway.ctx.invoker.size).toBe(0);
  });

  it('answers media no member holds with MEDIA_NOT_FOUND, and a holder that is not alive with CLUSTER_UNAVAILABLE, at once', async () => {
    const missing = await fetchMedia(a, `/v1/media/${c.gateway.ctx.bootId}.${randomBytes(32).toString('base64url')}`);
    expect({ status: missing.status, code: JSON.parse(missing.body.toString()).error.code }).toEqual({ status: 404, code: 'MEDIA_NOT_FOUND' });
    const nobody = await fetchMedia(a, `/v1/media/${randomUUID()}.${randomBytes(32).toString('base64url')}`);
    expect({ status: nobody.status, code: JSON.parse(nobody.body.toString()).error.code }).toEqual({ status: 503, code: 'CLUSTER_UNAVAILABLE' });
  });

  it('drops junk and forged windows on the members\' channels and still serves the right bytes', { timeout: 60_000 }, async () => {
    const data = bulkBytes(2 * MB);
    const url = await mediaFromC(data);
    const [aId, cId] = [a.gateway.ctx.bootId, c.gateway.ctx.bootId];
    const spy = new Redis(redis.url);
    const forger = new Redis(redis.url);
    const junk = ['not json', '{"t":"mdata"}', '{"t":"mdata","rid":"x","offset":0,"data":"AAAA"}', JSON.stringify({ t: 'mget', from: aId, rid: 'a'.repeat(22), id: url.slice(-43), offset: 0, length: 64 * MB }), JSON.stringify({ t: 'mget', from: randomUUID(), rid: 'a'.repeat(22), id: url.slice(-43), offset: 0, length: 10 }), JSON.stringify({ t: 'mget', from: aId, rid: 'b'.repeat(22), id: '../../etc/passwd', offset: -1, length: 10 }), '[1,2,3]', 'null'];
    for (const text of junk) for (const member of [aId, cId]) await forger.publish(`hostile:rpc:${member}`, text);
    // Each window A asks of C is answered first by a forger: at the wrong offset, too long, another size, an unknown code.
    await spy.subscribe(`hostile:rpc:${cId}`);
    spy.on('message', (_channel: string, text: string) => {
      const ask = JSON.parse(text);
      if (ask.t !== 'mget' || ask.length === 0) return;
      const reply = (fields: Record<string, unknown>) => void forger.publish(`hostile:rpc:${aId}`, JSON.stringify({ t: 'mdata', rid: ask.rid, offset: ask.offset, bytes: data.length, type: 'video/mp4', ...fields }));
      reply({ offset: ask.offset + 1, data: Buffer.alloc(ask.length).toString('base64') });
      reply({ data: Buffer.alloc(ask.length + 1).toString('base64') });
      reply({ bytes: data.length + 1, data: Buffer.alloc(ask.length).toString('base64') });
      reply({ error: 'INTERNAL', message: 'forged' });
      reply({ type: 'text/html\r\nX-Evil: 1', data: Buffer.alloc(ask.length).toString('base64') });
    });
    try {
      const got = await fetchMedia(a, url);
      expect({ status: got.status, sha256: sha256(got.body) }).toEqual({ status: 200, sha256: sha256(data) });
      expect(got.headers.get('x-evil')).toBeNull();
    } finally {
      spy.disconnect();
      forger.disconnect();
    }
    expect((await fetchMedia(c, url)).body.equals(data)).toBe(true);
    expect(a.gateway.ctx.cluster!.media.pulls).toBe(0);
  });

  it('answers HEAD with the headers only, pulling nothing', async () => {
    const url = await mediaFromC(bulkBytes(2 * MB));
    const served = c.gateway.ctx.cluster!.mediaCounters().servedBytes;
    const res = await fetch(`${httpBase(a)}${url}`, { method: 'HEAD', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect({ status: res.status, length: res.headers.get('content-length'), type: res.headers.get('content-type') }).toEqual({ status: 200, length: String(2 * MB), type: 'video/mp4' });
    await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 0 ? true : undefined), 5_000, 'no pull left on A');
    expect(c.gateway.ctx.cluster!.mediaCounters().servedBytes).toBe(served);
  });

  it('ends the pull of a client that stops reading', { timeout: 60_000 }, async () => {
    const url = await mediaFromC(bulkBytes(32 * MB));
    const socket = connect(Number(new URL(httpBase(a)).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Asks, then never reads: the response fills the socket's buffers and waits.
    socket.pause();
    socket.write(`GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n`);
    try {
      await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 1 ? true : undefined), 5_000, 'the pull started');
      await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 0 ? true : undefined), 45_000, 'the stalled pull ended');
      expect(c.gateway.ctx.cluster!.mediaCounters().servedBytes).toBeGreaterThan(0);
    } finally {
      socket.destroy();
    }
  });

  it('serves a burst of clients on two members at once, every one the whole file', { timeout: 60_000 }, async () => {
    const data = bulkBytes(2 * MB);
    const url = await mediaFromC(data);
    // 16 pulls asking 4 windows ahead each: far more windows at once than C reads at once.
    const got = await Promise.all([...Array(16)].map((_, i) => fetchMedia(members[i % 2]!, url)));
    expect(got.map((g) => `${g.status} ${sha256(g.body)}`)).toEqual(got.map(() => `200 ${sha256(data)}`));
  });

  it('stops pulling when the client hangs up mid-download', { timeout: 60_000 }, async () => {
    const size = 32 * MB;
    const url = await mediaFromC(bulkBytes(size));
    const served = () => c.gateway.ctx.cluster!.mediaCounters().servedBytes;
    const before = served();
    const abort = new AbortController();
    const res = await fetch(`${httpBase(a)}${url}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    expect(a.gateway.ctx.cluster!.media.pulls).toBe(1);
    abort.abort();
    await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 0 ? true : undefined), 10_000, 'the pull on A ended');
    // What C sent stops short of the file: the pull did not run on to the end behind the client's back.
    expect(served() - before).toBeLessThan(size);
    expect((await api(a, '/metrics')).text).toMatch(/openclaw_cluster_media_pulls 0/);
  });

  it('with Redis stopped answers CLUSTER_UNAVAILABLE at once, and serves again when Redis is back', { timeout: 60_000 }, async () => {
    const data = bulkBytes(300_000);
    const url = await mediaFromC(data);
    await redis.pause();
    try {
      await poll(async () => (a.gateway.ctx.cluster!.status().redis === 'down' ? true : undefined), 10_000, 'A noticing Redis is down');
      const refused = await fetchMedia(a, url);
      expect({ status: refused.status, code: JSON.parse(refused.body.toString()).error.code }).toEqual({ status: 503, code: 'CLUSTER_UNAVAILABLE' });
    } finally {
      await redis.resume();
    }
    const again = await poll(async () => {
      const got = await fetchMedia(a, url);
      return got.status === 200 ? got : undefined;
    }, 20_000, 'A serving the media again');
    expect(sha256(again.body)).toBe(sha256(data));
  });
});
