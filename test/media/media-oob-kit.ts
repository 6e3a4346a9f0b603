/**
 * A gateway process and a node process that both load the bulk fixture plugin, for
 * out-of-band media tests and benchmarks.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { pluginsConfigSchema } from '@openclaw-nodes/core/plugin';
import { api, approveOverHttp, type TestGateway } from '../http/http-kit.js';
import { freePort } from '../support/free-port.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { startHost } from '../support/processes.js';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

export const BULK_PACKAGE = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-bulk', import.meta.url));

/** Resident set size of process `pid` now, bytes (VmRSS from /proc). */
export function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) * 1024;
}

/** Samples the RSS of `pids` every 20 ms while `work` runs; the highest seen per pid. */
export async function peakRss<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; peaks: number[] }> {
  const peaks = pids.map(rssOf);
  const timer = setInterval(() => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i], rssOf(pid)))), 20);
  try {
    const result = await work();
    pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i], rssOf(pid))));
    return { result, peaks };
  } finally {
    clearInterval(timer);
  }
}

/** SHA-256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `openclaw gateway run` and `openclaw node run` (display name `Bulk Node`) with the bulk plugin. */
export async function startBulkPair(gatewayConfig: Record<string, unknown> = {}) {
  const gwDir = tempDir('oc-oob-gw-');
  const nodeDir = tempDir('oc-oob-node-');
  const plugins = { load: [BULK_PACKAGE] };
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TEST_TOKEN }, ...gatewayConfig }, plugins }), { mode: 0o600 });
  writeFileSync(join(nodeDir.path, 'openclaw.json'), JSON.stringify({ plugins }), { mode: 0o600 });
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const env = { ...process.env, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN };
  shareLocalProof(gwDir.path, nodeDir.path);
  const gateway = startHost('gateway', ['--port', String(port)], { ...env, OPENCLAW_STATE_DIR: gwDir.path }, /listening on/);
  await gateway.started;
  const node = startHost('node', ['--port', String(port), '--display-name', 'Bulk Node'], { ...env, OPENCLAW_STATE_DIR: nodeDir.path }, /connected to/);
  await node.started;
  return {
    url,
    gateway,
    node,
    gatewayStateDir: gwDir.path,
    /** Environment for our CLI talking to this gateway (its config lists the bulk plugin). */
    cliEnv: { ...env, OPENCLAW_STATE_DIR: nodeDir.path },
    async stop() {
      await node.stop();
      await gateway.stop();
      gwDir.cleanup();
      nodeDir.cleanup();
    },
  };
}

/** An in-process gateway that routes the bulk fixture's command. */
export const bulkGateway = (overrides: Parameters<typeof startTestGateway>[0] = {}) => startTestGateway({ plugins: pluginsConfigSchema.parse({ load: [BULK_PACKAGE] }), ...overrides });

/** What a hand node uploads: an `ftyp` box and 4000 bytes. */
export const MP4 = Buffer.concat([Buffer.from('\0\0\0\x18ftypisom', 'latin1'), Buffer.alloc(4_000, 9)]);

/** A node speaking the wire protocol by hand, holding the device token the gateway issued it. */
export async function handNode(gw: TestGateway, name: string) {
  const identity = generateDeviceIdentity();
  const ws = await RawClient.open(gw.url);
  ws.send(nodeConnect(await ws.challenge(), { token: TEST_TOKEN, identity, displayName: name, commands: ['bulk.make'], caps: ['bulk'] }));
  const hello = await ws.next((f) => f.type === 'res');
  await approveOverHttp(gw, name);
  return { ws, nodeId: identity.deviceId, deviceToken: hello.payload.auth.deviceToken as string };
}

/** Starts an operator invoke over HTTP and returns the request as the node received it, and the answer to come. */
export async function startInvoke(gw: TestGateway, node: Awaited<ReturnType<typeof handNode>>) {
  const seen = node.ws.frames.length;
  const answer = api(gw, `/v1/nodes/${node.nodeId}/invoke`, { body: { command: 'bulk.make', params: { bytes: MP4.length } } });
  const request = await node.ws.next((f) => f.event === 'node.invoke.request' && node.ws.frames.indexOf(f) >= seen);
  return { id: request.payload.id as string, answer };
}

