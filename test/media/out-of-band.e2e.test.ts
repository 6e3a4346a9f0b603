import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, approveOverHttp, httpBase, type TestGateway } from '../http/http-kit.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import { runCli } from '../support/processes.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { fileSha256, peakRss, rssOf, startBulkPair } from './media-oob-kit.js';

const MB = 1024 * 1024;
/** Generous: the figure to beat is 10 MB (bench/media.bench.js); a buffered 60 MB would blow through it. */
const RSS_GROWTH_BOUND = 40 * MB;
const BIG = 60 * MB;
const run = promisify(execFile);

let pair: Awaited<ReturnType<typeof startBulkPair>>;
let gw: TestGateway;

beforeAll(async () => {
  pair = await startBulkPair();
  gw = { url: pair.url } as TestGateway;
  await approveOverHttp(gw, 'Bulk Node');
}, 90_000);

afterAll(async () => {
  await pair?.stop();
});

const invoke = (bytes: number) => api(gw, '/v1/nodes/Bulk%20Node/invoke', { body: { command: 'bulk.make', params: { bytes }, timeoutMs: 120_000 } });

/** An operator like OpenClaw's own CLI: it does not declare that it fetches gateway media urls. */
async function plainOperator() {
  const op = await RawClient.open(pair.url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ['operator.write', 'operator.read']));
  await op.next((f) => f.type === 'res');
  return op;
}

describe('media out of band between real node and gateway processes', () => {
  it('keeps a small result inline as base64', async () => {
    const res = await invoke(4_000);
    expect(res.status).toBe(200);
    expect(res.json.payload).toMatchObject({ format: 'mp4', bytes: 4_000 });
    expect(Buffer.from(res.json.payload.base64, 'base64')).toHaveLength(4_000);
    expect(res.json.payload.url).toBeUndefined();
  });

  it('moves a 60 MB result out of band as a gateway url and serves it, ranges too, to authenticated operators only', { timeout: 180_000 }, async () => {
    const res = await invoke(BIG);
    expect(res.status).toBe(200);
    const { url, sha256, base64 } = res.json.payload;
    expect(base64).toBeUndefined();
    expect(url).toMatch(/^\/v1\/media\/[A-Za-z0-9_-]{43}$/);

    const r = await fetch(`${httpBase(gw)}${url}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    let size = 0;
    const hash = createHash('sha256');
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      hash.update(chunk);
    }
    expect({ status: r.status, type: r.headers.get('content-type'), size, sha256: hash.digest('hex') }).toEqual({ status: 200, type: 'video/mp4', size: BIG, sha256 });
    expect(r.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");

    const unauthenticated = await api(gw, url, { token: null });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.json.error.code).toBe('AUTH_TOKEN_MISSING');
    expect((await api(gw, url, { token: 'wrong' })).status).toBe(401);

    const range = await fetch(`${httpBase(gw)}${url}`, { headers: { authorization: `Bearer ${TEST_TOKEN}`, range: 'bytes=4-11' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).toString('latin1')).toBe('ftypisom');

    const metrics = (await api(gw, '/metrics')).text;
    expect(metrics).toMatch(/openclaw_media_uploaded_bytes_total \d+/);
    expect(Number(/openclaw_media_uploaded_bytes_total (\d+)/.exec(metrics)![1])).toBeGreaterThanOrEqual(BIG);
  });

  it('keeps RSS of both processes within a bound while 60 MB passes', { timeout: 180_000 }, async () => {
    const pids = [pair.gateway.child.pid!, pair.node.child.pid!];
    await invoke(BIG);
    const baseline = pids.map(rssOf);
    const { peaks } = await peakRss(pids, () => invoke(BIG));
    peaks.forEach((peak, i) => expect(peak - baseline[i], `${i === 0 ? 'gateway' : 'node'} RSS growth`).toBeLessThan(RSS_GROWTH_BOUND));
  });

  it('serves the media through the plugin media route and through the CLI as a MEDIA file', { timeout: 180_000 }, async () => {
    const route = await fetch(`${httpBase(gw)}/v1/nodes/Bulk%20Node/bulk/clip?bytes=${3 * MB}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('video/mp4');
    expect((await route.arrayBuffer()).byteLength).toBe(3 * MB);

    const cli = await runCli(['nodes', 'bulk', 'make', '--url', pair.url, '--token', TEST_TOKEN, '--node', 'Bulk Node', '--bytes', String(BIG), '--json'], pair.cliEnv, 120_000);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const { file } = JSON.parse(cli.stdout);
    expect(statSync(file.path).size).toBe(BIG);
    expect(await fileSha256(file.path)).toBe(file.sha256);
    rmSync(file.path);
  });

  it('shows the wait and the download as a progress line on a terminal, and still prints the MEDIA line', { timeout: 120_000 }, async () => {
    const args = [BIN, 'nodes', 'bulk', 'make', '--url', pair.url, '--token', TEST_TOKEN, '--node', 'Bulk Node', '--bytes', String(BIG)];
    const command = [process.execPath, ...args].map((a) => `'${a}'`).join(' ');
    // script(1) gives the CLI a real pseudo-terminal, as a user's shell has.
    const { stdout } = await run('script', ['-qefc', command, '/dev/null'], { env: pair.cliEnv, timeout: 120_000 });
    expect(stdout).toMatch(/\rmaking \d+\.\ds \/ 1\.0s/);
    expect(stdout).toMatch(/\rdownloading \d+\.\d MB \/ 62\.9 MB/);
    const media = /MEDIA:(\S+)/.exec(stdout)![1].replace(/^~/, process.env.HOME ?? '');
    expect(statSync(media).size).toBe(BIG);
    rmSync(media);
  });

  it('inlines gateway-stored media for an operator that does not fetch urls, within a frame, else PAYLOAD_TOO_LARGE with the size', { timeout: 120_000 }, async () => {
    const op = await plainOperator();
    try {
      const nodes = await op.request('node.list', {});
      const nodeId = nodes.payload.nodes.find((n: any) => n.displayName === 'Bulk Node').nodeId;
      const inline = await op.request('node.invoke', { nodeId, command: 'bulk.make', params: { bytes: 2 * MB }, idempotencyKey: 'k2', timeoutMs: 60_000 });
      expect(inline.ok).toBe(true);
      expect(inline.payload.payload.url).toBeUndefined();
      expect(Buffer.from(inline.payload.payload.base64, 'base64')).toHaveLength(2 * MB);
      const tooBig = await op.request('node.invoke', { nodeId, command: 'bulk.make', params: { bytes: 30 * MB }, idempotencyKey: 'k3', timeoutMs: 60_000 });
      expect(tooBig.ok).toBe(false);
      expect(tooBig.error.message).toMatch(/PAYLOAD_TOO_LARGE: video\/mp4 of 31457280 bytes/);
      // 13 MB fits a frame once, but the answer carries it twice (payload and payloadJSON).
      const twice = await op.request('node.invoke', { nodeId, command: 'bulk.make', params: { bytes: 13 * MB }, idempotencyKey: 'k4', timeoutMs: 60_000 });
      expect(twice.ok).toBe(false);
      expect(twice.error.message).toMatch(/^PAYLOAD_TOO_LARGE: video\/mp4 of 13631488 bytes is 18175320 bytes as base64, over the \d+ bytes it may take inline here \(the answer carries it twice, as payload and payloadJSON\); call it over HTTP/);
      // Neither side died: the node still answers.
      expect((await invoke(1_000)).status).toBe(200);
    } finally {
      op.close();
    }
  });
});
