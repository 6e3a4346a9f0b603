/**
 * Out-of-band media between cluster members: members loading the bulk fixture plugin, uploads
 * by hand nodes for calls another member made, and fetches that read the whole body.
 */
import { createHash } from 'node:crypto';
import { pluginsConfigSchema } from '@openclaw-nodes/core/plugin';
import { httpBase, type TestGateway } from '../http/http-kit.js';
import { BULK_PACKAGE, handNode, startInvoke } from '../media/media-oob-kit.js';
import { startClusterMembers, stopAll } from '../support/cluster-members.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { RedisServer } from '../support/redis-server.js';

type HandNode = Awaited<ReturnType<typeof handNode>>;

/** Three members of cluster `name` that route the bulk fixture's command. */
export const bulkMembers = (redisUrl: string, name: string) => startClusterMembers(3, redisUrl, name, { plugins: pluginsConfigSchema.parse({ load: [BULK_PACKAGE] }) });

/** What a file of `bytes` bytes a hand node uploads holds: an `ftyp` box, then bytes varying with their offset. */
export function bulkBytes(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 7 + (i >> 12)) % 251;
  data.write('\0\0\0\x18ftypisom', 'latin1');
  return data;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** `node` asks its member for a slot for call `invokeId` and uploads `data` into it; the url the upload answered. */
export async function uploadFor(member: Pick<TestGateway, 'url'>, node: HandNode, invokeId: string, data: Buffer): Promise<string> {
  const slot = await node.ws.request('node.media.upload', { invokeId, contentType: 'video/mp4', bytes: data.length });
  if (!slot.ok) throw new Error(`no upload slot: ${JSON.stringify(slot.error)}`);
  const put = await fetch(`${httpBase(member)}${slot.payload.uploadPath}`, { method: 'PUT', body: data, headers: { authorization: `Bearer ${node.deviceToken}` } });
  if (put.status !== 201) throw new Error(`upload refused: ${put.status} ${await put.text()}`);
  return ((await put.json()) as { url: string }).url;
}

/** `node` answers call `id` with `{format: 'mp4', url}`. */
export function answerWithUrl(node: HandNode, id: string, url: string): void {
  node.ws.send({ type: 'req', id: `res-${id}`, method: 'node.invoke.result', params: { id, nodeId: node.nodeId, ok: true, payloadJSON: JSON.stringify({ format: 'mp4', url }) } });
}

/** `GET` of a media url on `member` with the operator token, the whole body read. */
export async function fetchMedia(member: Pick<TestGateway, 'url'>, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${httpBase(member)}${url}`, { headers: { authorization: `Bearer ${TEST_TOKEN}`, ...headers } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/**
 * A Redis, three bulk members of cluster `name` (A, B, C) and a hand node on C routable from A;
 * `mediaFromC(data)` has an operator on A call the node, which answers with `data` uploaded
 * for that call, and answers the url the operator got.
 */
export async function handNodeOnC(name: string) {
  const redis = await RedisServer.start();
  const members = await bulkMembers(redis.url, name);
  const [a, b, c] = members as [TestGateway, TestGateway, TestGateway];
  for (const m of members) await poll(async () => (m.gateway.ctx.cluster!.status().peers.length === 2 ? true : undefined), 'two peers');
  const node = await handNode(c, 'Hand Node');
  await poll(async () => (a.gateway.ctx.registry.route(node.nodeId)?.conn.open ? true : undefined), 'the node on C routable from A');
  return {
    redis,
    members,
    a,
    b,
    c,
    node,
    async mediaFromC(data: Buffer): Promise<string> {
      const call = await startInvoke(a, node);
      answerWithUrl(node, call.id, await uploadFor(c, node, call.id, data));
      const answer = await call.answer;
      if (answer.status !== 200) throw new Error(`the call failed: ${answer.text}`);
      return answer.json.payload.url as string;
    },
    async stop() {
      node.ws.close();
      await stopAll(members);
      await redis.stop();
    },
  };
}
