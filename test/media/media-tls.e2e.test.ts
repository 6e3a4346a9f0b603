import { execFileSync } from 'node:child_process';
import { randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pluginsConfigSchema } from '@openclaw-nodes/core/plugin';
import { connectGateway, gatewayHttp, readJsonResponse } from '@openclaw-nodes/core/rpc';
import { startNodeRuntime } from '@openclaw-nodes/node-host';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { BULK_PACKAGE } from './media-oob-kit.js';
import { shareLocalProof } from '../support/local-proof.js';

const certDir = tempDir('oc-media-tls-');
const nodeDir = tempDir('oc-media-tls-node-');
afterAll(() => {
  certDir.cleanup();
  nodeDir.cleanup();
});

/** A self-signed certificate for 127.0.0.1, made by openssl. */
function selfSigned() {
  const key = join(certDir.path, 'key.pem');
  const cert = join(certDir.path, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=openclaw-test', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

describe('media out of band over TLS with a pinned certificate', () => {
  it('uploads to the same https origin as the wss connection, checking the pin', { timeout: 60_000 }, async () => {
    const tls = selfSigned();
    const fingerprint = new X509Certificate(tls.cert).fingerprint256;
    const gw = await startTestGateway({ tls, plugins: pluginsConfigSchema.parse({ load: [BULK_PACKAGE] }) });
    const { port } = new URL(gw.url);
    shareLocalProof(gw.stateDir, nodeDir.path);
    const runtime = await startNodeRuntime({ stateDir: nodeDir.path, host: '127.0.0.1', port: Number(port), tls: true, tlsFingerprint: fingerprint, token: TEST_TOKEN, displayName: 'Tls Node', version: '0.1.0', plugins: pluginsConfigSchema.parse({ load: [BULK_PACKAGE] }) });
    const running = runtime.host.run();
    const { peer } = await connectGateway({
      url: gw.url,
      role: 'operator',
      scopes: ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin'],
      caps: ['media-url'],
      client: { id: 'cli', mode: 'cli', version: 'test', platform: 'linux', instanceId: randomUUID() },
      auth: { token: TEST_TOKEN },
      tlsFingerprint: fingerprint,
    });
    try {
      expect(gw.url).toMatch(/^wss:/);
      const pending = await poll(async () => ((await peer.request('node.pair.list', {})) as any).pending.find((p: any) => p.displayName === 'Tls Node'), 'the node asking for approval');
      await peer.request('node.pair.approve', { requestId: pending.requestId });
      const answer = (await peer.request('node.invoke', { nodeId: pending.nodeId, command: 'bulk.make', params: { bytes: 1024 * 1024 }, idempotencyKey: randomUUID(), timeoutMs: 30_000 }, { timeoutMs: 40_000 })) as any;
      expect(answer.payload.url).toMatch(/^\/v1\/media\//);

      const res = await gatewayHttp({ url: gw.url, tlsFingerprint: fingerprint }, 'GET', answer.payload.url, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      let size = 0;
      for await (const chunk of res) size += (chunk as Buffer).length;
      expect({ status: res.statusCode, size }).toEqual({ status: 200, size: 1024 * 1024 });

      // Another certificate than the pinned one is refused before any byte is sent.
      const wrongPin = 'AA:'.repeat(31) + 'AA';
      await expect(gatewayHttp({ url: gw.url, tlsFingerprint: wrongPin }, 'GET', answer.payload.url, { headers: { authorization: `Bearer ${TEST_TOKEN}` } }).then(readJsonResponse)).rejects.toMatchObject({
        code: 'TLS_FINGERPRINT_MISMATCH',
        message: expect.stringContaining('not the pinned'),
      });
    } finally {
      peer.close(1000);
      await runtime.stop();
      await running;
      await gw.stop();
    }
  });
});
