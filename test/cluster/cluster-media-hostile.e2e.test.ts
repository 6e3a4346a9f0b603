import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInvoke } from '../media/media-oob-kit.js';
import type { ClusterMemberGateway } from '../support/cluster-members.js';
import { answerWithUrl, bulkBytes, fetchMedia, handNodeOnC, sha256, uploadFor } from './cluster-media-kit.js';

const MB = 1024 * 1024;

describe('gateway cluster on Redis: media between members against hostile nodes and messages', () => {
  let cluster: Awaited<ReturnType<typeof handNodeOnC>>;
  let a: ClusterMemberGateway, c: ClusterMemberGateway;
  let node: typeof cluster.node;
  let redis: typeof cluster.redis;
  const mediaFromC = (data: Buffer) => cluster.mediaFromC(data);

  beforeAll(async () => {
    cluster = await handNodeOnC('hostile');
    ({ a, c, node, redis } = cluster);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

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
});
