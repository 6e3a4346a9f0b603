import { join } from 'node:path';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, approveOverHttp, type TestGateway } from '../http/http-kit.js';
import { BULK_PACKAGE, fileSha256 } from '../media/media-oob-kit.js';
import { stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { shareLocalProofOf } from '../support/local-proof.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { RedisServer } from '../support/redis-server.js';
import { tempDir } from '../support/temp-dir.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { httpMcpClient } from '../mcp/mcp-kit.js';
import { bulkMembers, fetchMedia, sha256 } from './cluster-media-kit.js';

const MB = 1024 * 1024;
const QUALIFIED = /^\/v1\/media\/([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/;

describe('gateway cluster on Redis: a real node host\'s out-of-band media, served by every member', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];
  let a: ClusterMemberGateway, b: ClusterMemberGateway, c: ClusterMemberGateway;
  let node: ReturnType<typeof startProcess>;
  const nodeDir = tempDir('oc-cluster-media-node-');

  beforeAll(async () => {
    redis = await RedisServer.start();
    members = await bulkMembers(redis.url, 'media');
    [a, b, c] = members;
    for (const m of members) await poll(async () => (m.gateway.ctx.cluster!.status().peers.length === 2 ? true : undefined), 'two peers');
    writeFileSync(join(nodeDir.path, 'openclaw.json'), JSON.stringify({ plugins: { load: [BULK_PACKAGE] } }), { mode: 0o600 });
    shareLocalProofOf(c.gateway.port, nodeDir.path);
    const env = { ...process.env, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, OPENCLAW_STATE_DIR: nodeDir.path };
    node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(c.gateway.port), '--display-name', 'Bulk Node'], env, /connected to/);
    await node.started;
    // Approved on A: the request reached it through Redis.
    await approveOverHttp(a as TestGateway, 'Bulk Node');
    await poll(async () => ((await api(a as TestGateway, '/v1/nodes')).json.nodes?.find((n: any) => n.displayName === 'Bulk Node' && n.connected) ? true : undefined), 'the node on C listed on A');
  }, 90_000);
  afterAll(async () => {
    await node?.stop();
    await stopAll(members ?? []);
    await redis?.stop();
    nodeDir.cleanup();
  });

  const make = (member: ClusterMemberGateway, bytes: number) => api(member as TestGateway, '/v1/nodes/Bulk%20Node/invoke', { body: { command: 'bulk.make', params: { bytes }, timeoutMs: 60_000 } });

  it('an operator on A gets a url naming C, and A, B and C each serve exactly its bytes, ranges too', { timeout: 120_000 }, async () => {
    const res = await make(a, 5 * MB);
    expect(res.status).toBe(200);
    const { url, sha256: made } = res.json.payload;
    expect(url).toMatch(QUALIFIED);
    expect(QUALIFIED.exec(url)![1]).toBe(c.gateway.ctx.bootId);
    const onC = await fetchMedia(c, url);
    for (const member of [a, b, c]) {
      const got = await fetchMedia(member, url);
      expect({ status: got.status, bytes: got.body.length, sha256: sha256(got.body) }).toEqual({ status: 200, bytes: 5 * MB, sha256: made });
      expect(got.headers.get('content-type')).toBe('video/mp4');
      expect(got.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // Across a window boundary (256 KiB) and at the very end, on a member that does not hold it.
    const range = await fetchMedia(b, url, { range: 'bytes=262000-263000' });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 262000-263000/${5 * MB}`);
    expect(range.body.equals(onC.body.subarray(262_000, 263_001))).toBe(true);
    const tail = await fetchMedia(a, url, { range: 'bytes=-10' });
    expect({ status: tail.status, same: tail.body.equals(onC.body.subarray(5 * MB - 10)) }).toEqual({ status: 206, same: true });
    expect((await fetchMedia(a, url, { range: `bytes=${6 * MB}-` })).status).toBe(416);
    // The same scope as local media: no token, no bytes.
    expect((await api(b as TestGateway, url, { token: null })).status).toBe(401);

    const metrics = (await api(a as TestGateway, '/metrics')).text;
    expect(Number(/openclaw_cluster_media_pulled_bytes_total (\d+)/.exec(metrics)![1])).toBeGreaterThanOrEqual(5 * MB);
    expect(/openclaw_cluster_media_pulls (\d+)/.exec(metrics)![1]).toBe('0');
    expect(a.gateway.ctx.cluster!.media.pulls).toBe(0);
  });

  it('a media route on B answers the bytes of media C holds, and a plugin on A processes it as a file there', { timeout: 60_000 }, async () => {
    const route = await fetchMedia(b, `/v1/nodes/Bulk%20Node/bulk/clip?bytes=${3 * MB}`);
    expect({ status: route.status, type: route.headers.get('content-type'), bytes: route.body.length, head: route.body.subarray(4, 12).toString('latin1') }).toEqual({ status: 200, type: 'video/mp4', bytes: 3 * MB, head: 'ftypisom' });
    // bulk.digest's gateway side reads the file whole and delivers it anew: the copy is A's own.
    const digest = await api(a as TestGateway, '/v1/nodes/Bulk%20Node/invoke', { body: { command: 'bulk.digest', params: { bytes: 2 * MB }, timeoutMs: 60_000 } });
    expect(digest.status, digest.text).toBe(200);
    const { url, sha256: made, gatewaySha256 } = digest.json.payload;
    expect(gatewaySha256).toBe(made);
    expect(url).toMatch(/^\/v1\/media\/[A-Za-z0-9_-]{43}$/);
    const local = await fetchMedia(a, url);
    expect({ status: local.status, sha256: sha256(local.body) }).toEqual({ status: 200, sha256: made });
  });

  it('an MCP client on A gets a link to media C holds that A serves', { timeout: 60_000 }, async () => {
    const { client } = await httpMcpClient(a);
    try {
      const result = (await client.callTool({ name: 'bulk_make', arguments: { node: 'Bulk Node', bytes: MB } }, undefined, { timeout: 60_000 })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      const link = result.content[0] as { type: string; uri: string };
      expect(link.type).toBe('resource_link');
      expect(new URL(link.uri).pathname).toMatch(QUALIFIED);
      expect(new URL(link.uri).port).toBe(String(a.gateway.port));
      const got = await fetchMedia(a, new URL(link.uri).pathname);
      expect(sha256(got.body)).toBe(JSON.parse((result.content[1] as { text: string }).text).sha256);
    } finally {
      await client.close();
    }
  });

  it('our CLI on B saves media C holds as a MEDIA file', { timeout: 60_000 }, async () => {
    const env = { ...process.env, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, OPENCLAW_STATE_DIR: nodeDir.path };
    const cli = await runCli(['nodes', 'bulk', 'make', '--url', b.url, '--token', TEST_TOKEN, '--node', 'Bulk Node', '--bytes', String(2 * MB), '--json'], env, 60_000);
    expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
    const { file } = JSON.parse(cli.stdout);
    expect(statSync(file.path).size).toBe(2 * MB);
    expect(await fileSha256(file.path)).toBe(file.sha256);
    rmSync(file.path);
  });

  it('a WebSocket operator on A that does not fetch urls gets the media inline', { timeout: 60_000 }, async () => {
    const op = await RawClient.open(a.url);
    await op.challenge();
    op.send(operatorConnect(TEST_TOKEN, ['operator.write', 'operator.read']));
    await op.next((f) => f.type === 'res');
    const nodeId = (await op.request('node.list', {})).payload.nodes.find((n: any) => n.displayName === 'Bulk Node').nodeId;
    // Past the node's inline limit (256 KiB): it goes out of band to C, and A inlines it.
    const answer = await op.request('node.invoke', { nodeId, command: 'bulk.make', params: { bytes: 600_000 }, idempotencyKey: 'inline', timeoutMs: 60_000 });
    expect(answer.ok).toBe(true);
    expect(answer.payload.payload.url).toBeUndefined();
    const bytes = Buffer.from(answer.payload.payload.base64, 'base64');
    expect({ length: bytes.length, sha256: sha256(bytes) }).toEqual({ length: 600_000, sha256: answer.payload.payload.sha256 });
    op.close();
  });
});
