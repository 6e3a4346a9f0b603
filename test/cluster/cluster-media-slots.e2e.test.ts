import { readdirSync, readlinkSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpBase } from '../http/http-kit.js';
import type { ClusterMemberGateway } from '../support/cluster-members.js';
import { cliMachine } from '../support/cli-machine.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { runCli } from '../support/processes.js';
import { answerWithUrl, bulkBytes, fetchMedia, handNodeOnC, sha256, uploadFor } from './cluster-media-kit.js';

const MB = 1024 * 1024;

/** A raw `GET path` on `member` with the operator token from `localAddress`; the socket, once the request is on the wire. */
async function rawGet(member: ClusterMemberGateway, path: string, localAddress = '127.0.0.1'): Promise<Socket> {
  const socket = connect({ port: Number(new URL(httpBase(member)).port), host: '127.0.0.1', localAddress });
  await new Promise((resolve) => socket.once('connect', resolve));
  await new Promise((resolve) => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n`, resolve));
  return socket;
}

/** `GET path` on `member` from `localAddress` (another client address on loopback), the whole body read. */
function getFrom(member: ClusterMemberGateway, path: string, localAddress: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${httpBase(member)}${path}`, { localAddress, headers: { authorization: `Bearer ${TEST_TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Files of `dir` this process holds open. */
const openFilesUnder = (dir: string) => readdirSync('/proc/self/fd').filter((fd) => {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
  } catch {
    return false;
  }
}).length;

describe('gateway cluster on Redis: media fetches of clients that leave early or hold many slots, and where nodes are', () => {
  let cluster: Awaited<ReturnType<typeof handNodeOnC>>;
  let a: ClusterMemberGateway, c: ClusterMemberGateway;
  const pullsOnA = () => a.gateway.ctx.cluster!.media.pulls;

  beforeAll(async () => {
    cluster = await handNodeOnC('slots');
    ({ a, c } = cluster);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('frees the pulls of clients that hang up before the response headers, and serves the next client', { timeout: 60_000 }, async () => {
    const data = bulkBytes(2 * MB);
    const url = await cluster.mediaFromC(data);
    const started = a.gateway.ctx.cluster!.mediaCounters().pulls;
    for (let i = 0; i < 8; i++) (await rawGet(a, url)).destroy();
    await poll(async () => (a.gateway.ctx.cluster!.mediaCounters().pulls >= started + 8 ? true : undefined), 'eight pulls started on A');
    await poll(async () => (pullsOnA() === 0 ? true : undefined), 'no pull left on A', { timeoutMs: 30_000 });
    const got = await fetchMedia(a, url);
    expect({ status: got.status, sha256: sha256(got.body) }).toEqual({ status: 200, sha256: sha256(data) });
  });

  it('frees the pull of a client that hangs up before the headers of a media route', { timeout: 60_000 }, async () => {
    const { node } = cluster;
    const seen = node.ws.frames.length;
    (await rawGet(a, `/v1/nodes/${node.nodeId}/bulk/clip?bytes=${2 * MB}`)).destroy();
    const asked = await node.ws.next((f) => f.event === 'node.invoke.request' && node.ws.frames.indexOf(f) >= seen);
    const started = a.gateway.ctx.cluster!.mediaCounters().pulls;
    answerWithUrl(node, asked.payload.id, await uploadFor(c, node, asked.payload.id, bulkBytes(2 * MB)));
    await poll(async () => (a.gateway.ctx.cluster!.mediaCounters().pulls > started ? true : undefined), 'A pulling the clip from C');
    await poll(async () => (pullsOnA() === 0 ? true : undefined), 'no pull left on A', { timeoutMs: 30_000 });
  });

  it('keeps no file open for local media whose clients hang up before the response headers', { timeout: 60_000 }, async () => {
    // On C this url names C's own file: served from disk, no pull.
    const url = await cluster.mediaFromC(bulkBytes(32 * MB));
    const fetches = c.gateway.ctx.media.counters.fetches;
    for (let i = 0; i < 8; i++) (await rawGet(c, url)).destroy();
    await poll(async () => (c.gateway.ctx.media.counters.fetches >= fetches + 8 ? true : undefined), 'eight fetches answered on C');
    await poll(async () => (openFilesUnder(c.gateway.ctx.media.dir) === 0 ? true : undefined), 'no media file left open on C', { timeoutMs: 30_000 });
  });

  it('refuses one caller its slots past a few while a HEAD and another caller are still served', { timeout: 60_000 }, async () => {
    const data = bulkBytes(32 * MB);
    const url = await cluster.mediaFromC(data);
    // Three clients from one address that ask, then never read: each holds a pull.
    const slow: Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) slow.push((await rawGet(a, url)).pause());
      await poll(async () => (pullsOnA() === 3 ? true : undefined), 'three pulls held on A');
      const refused = await fetchMedia(a, url);
      expect({ status: refused.status, code: JSON.parse(refused.body.toString()).error.code }).toEqual({ status: 503, code: 'CLUSTER_UNAVAILABLE' });
      expect(JSON.parse(refused.body.toString()).error.message).toMatch(/for you.*retry/);
      const head = await fetch(`${httpBase(a)}${url}`, { method: 'HEAD', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      expect({ status: head.status, length: head.headers.get('content-length') }).toEqual({ status: 200, length: String(32 * MB) });
      const other = await getFrom(a, url, '127.0.0.2');
      expect({ status: other.status, sha256: sha256(other.body) }).toEqual({ status: 200, sha256: sha256(data) });
    } finally {
      for (const socket of slow) socket.destroy();
    }
    await poll(async () => (pullsOnA() === 0 ? true : undefined), 'no pull left on A', { timeoutMs: 30_000 });
  });

  it('nodes status on A shows which member each node is on', { timeout: 60_000 }, async () => {
    const machine = cliMachine('oc-member-');
    try {
      const status = await runCli(['nodes', 'status', '--url', a.url], { ...machine.env, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, NO_COLOR: '1' });
      const header = status.stdout.split('\n').find((line) => line.includes('Node') && line.includes('Member'));
      const row = status.stdout.split('\n').find((line) => line.includes(cluster.node.nodeId));
      expect({ code: status.code, header: Boolean(header), row }).toEqual({ code: 0, header: true, row: expect.stringContaining(c.gateway.ctx.bootId.slice(0, 8)) });
    } finally {
      machine.cleanup();
    }
  });
});
