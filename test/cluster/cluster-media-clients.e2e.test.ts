import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, httpBase } from '../http/http-kit.js';
import type { ClusterMemberGateway } from '../support/cluster-members.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { bulkBytes, fetchMedia, handNodeOnC, sha256 } from './cluster-media-kit.js';

const MB = 1024 * 1024;

describe('gateway cluster on Redis: media through another member for clients that stall, leave, crowd or outlast Redis', () => {
  let cluster: Awaited<ReturnType<typeof handNodeOnC>>;
  let a: ClusterMemberGateway, c: ClusterMemberGateway;
  let members: ClusterMemberGateway[];
  let redis: typeof cluster.redis;
  const mediaFromC = (data: Buffer) => cluster.mediaFromC(data);

  beforeAll(async () => {
    cluster = await handNodeOnC('clients');
    ({ a, c, members, redis } = cluster);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('answers HEAD with the headers only, asking only the size', async () => {
    const url = await mediaFromC(bulkBytes(2 * MB));
    const served = c.gateway.ctx.cluster!.mediaCounters().servedBytes;
    const res = await fetch(`${httpBase(a)}${url}`, { method: 'HEAD', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect({ status: res.status, length: res.headers.get('content-length'), type: res.headers.get('content-type') }).toEqual({ status: 200, length: String(2 * MB), type: 'video/mp4' });
    await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 0 ? true : undefined), 'no pull left on A');
    expect(c.gateway.ctx.cluster!.mediaCounters().servedBytes).toBe(served);
  });

  it('ends the pull of a client that stops reading, printing no stack trace', { timeout: 60_000 }, async () => {
    const url = await mediaFromC(bulkBytes(32 * MB));
    const printed = vi.spyOn(console, 'error');
    const socket = connect(Number(new URL(httpBase(a)).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Asks, then never reads: the response fills the socket's buffers and waits.
    socket.pause();
    socket.write(`GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n`);
    try {
      await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 1 ? true : undefined), 'the pull started');
      await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 0 ? true : undefined), 'the stalled pull ended', { timeoutMs: 45_000 });
      expect(c.gateway.ctx.cluster!.mediaCounters().servedBytes).toBeGreaterThan(0);
      // Ending a stalled client is routine: one log line, not an error with its stack.
      expect(printed.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('took no media'))).toEqual([]);
    } finally {
      printed.mockRestore();
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
    await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 0 ? true : undefined), 'the pull on A ended');
    // What C sent stops short of the file: the pull did not run on to the end behind the client's back.
    expect(served() - before).toBeLessThan(size);
    expect((await api(a, '/metrics')).text).toMatch(/openclaw_cluster_media_pulls 0/);
  });

  it('with Redis stopped answers CLUSTER_UNAVAILABLE at once, and serves again when Redis is back', { timeout: 60_000 }, async () => {
    const data = bulkBytes(300_000);
    const url = await mediaFromC(data);
    await redis.pause();
    try {
      await poll(async () => (a.gateway.ctx.cluster!.status().redis === 'down' ? true : undefined), 'A noticing Redis is down');
      const refused = await fetchMedia(a, url);
      expect({ status: refused.status, code: JSON.parse(refused.body.toString()).error.code }).toEqual({ status: 503, code: 'CLUSTER_UNAVAILABLE' });
    } finally {
      await redis.resume();
    }
    const again = await poll(async () => {
      const got = await fetchMedia(a, url);
      return got.status === 200 ? got : undefined;
    }, 'A serving the media again');
    expect(sha256(again.body)).toBe(sha256(data));
  });
});
