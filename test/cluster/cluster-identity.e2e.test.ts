import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { deviceIdFromPublicKey } from '@openclaw-nodes/core/identity';
import { startClusterMembers, stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { clusterOperator } from '../support/cluster-node.js';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RedisServer } from '../support/redis-server.js';
import { tempDir } from '../support/temp-dir.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';

const NAME = 'identity-node';

/** `openclaw node run` on `hosts`; with no `sharedToken` it has only what pairing gave it. */
function nodeHost(stateDir: string, hosts: string[], sharedToken?: string) {
  const { OPENCLAW_GATEWAY_TOKEN: _none, ...env } = process.env;
  const token = sharedToken ? { OPENCLAW_GATEWAY_TOKEN: sharedToken } : {};
  return startProcess(process.execPath, [BIN, 'node', 'run', '--display-name', NAME, '--host', hosts.join(',')], { ...env, ...token, HOME: stateDir, OPENCLAW_STATE_DIR: stateDir }, /connected to|waiting for approval|cannot reach|closed the connection/);
}

describe('gateway cluster: one gateway identity, device tokens that follow it', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];
  const dirs: Array<{ cleanup: () => void }> = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
    members = await startClusterMembers(2, redis.url, 'ident', { autoApproveLocal: false });
  });
  afterAll(async () => {
    await stopAll(members);
    await redis.stop();
    for (const d of dirs) d.cleanup();
  });

  it('gives every member one identity, so a node paired on one is served by another after the first stops, without the shared token', async () => {
    const [a, b] = members;
    expect(a.gateway.ctx.publicKey).toBe(b.gateway.ctx.publicKey);
    const dir = tempDir('oc-identity-');
    dirs.push(dir);
    const hosts = [new URL(a.url).host, new URL(b.url).host];
    const op = await clusterOperator(b.url);
    const listed = (member?: ClusterMemberGateway) => async () => {
      const nodes = (await op.request('node.list', {})).payload.nodes.filter((n: any) => n.displayName === NAME && n.connected);
      return nodes.length === 1 && (member === undefined || nodes[0].clusterMember === member.gateway.ctx.bootId) ? nodes[0] : undefined;
    };
    // Paired once with the shared token, as a first connect needs it.
    const pairing = nodeHost(dir.path, hosts, TEST_TOKEN);
    await pairing.started;
    await poll(async () => {
      const pending = (await op.request('node.pair.list', {})).payload?.pending?.find((p: any) => p.displayName === NAME);
      return pending ? (await op.request('node.pair.approve', { requestId: pending.requestId })).ok || undefined : undefined;
    }, 'the pairing request approved');
    await poll(listed(), 'the paired node connected');
    await pairing.stop();
    // From then on without it: only the device token the cluster issued.
    const host = nodeHost(dir.path, hosts);
    await host.started;
    try {
      const onA = await poll(listed(a), 'the node connected on A');
      // The token is kept under the cluster's identity, not under A's address.
      const saved = JSON.parse(readFileSync(join(dir.path, 'node.json'), 'utf8'));
      const clusterId = deviceIdFromPublicKey(a.gateway.ctx.publicKey);
      expect(Object.keys(saved.identities ?? {})).toEqual([clusterId]);
      expect(saved.gateways.every((g: any) => g.token === undefined)).toBe(true);

      await a.stop();
      const onB = await poll(listed(b), 'the node back on B, the only member left');
      expect(onB.nodeId).toBe(onA.nodeId);
      // No new pairing request: the approval on the cluster holds on every member.
      expect((await op.request('node.pair.list', {})).payload.pending.filter((p: any) => p.displayName === NAME)).toEqual([]);
      const answer = await op.request('node.invoke', { nodeId: onB.nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'after-failover' });
      expect(answer.ok).toBe(true);
    } finally {
      op.close();
      await host.stop();
    }
  });

  it('never sends the token of a proven identity to a gateway whose proof does not verify, nor to one that proves nothing', async () => {
    const clusterKey = members[1].gateway.ctx.publicKey;
    const clusterId = deviceIdFromPublicKey(clusterKey);
    for (const proof of [{ publicKey: clusterKey, signature: 'A'.repeat(86) }, undefined]) {
      const seen: any[] = [];
      const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
      await new Promise((r) => wss.once('listening', r));
      wss.on('connection', (ws) => {
        // A hostile gateway replaying the cluster's public key with a signature it cannot make.
        ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'hostile', ts: Date.now(), ...(proof ? { gatewayProof: proof } : {}) } }));
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data));
          if (frame.method === 'connect') seen.push(frame.params);
          ws.close(1008, 'no');
        });
      });
      const dir = tempDir('oc-identity-relay-');
      dirs.push(dir);
      const port = (wss.address() as { port: number }).port;
      mkdirSync(dir.path, { recursive: true });
      writeFileSync(join(dir.path, 'node.json'), JSON.stringify({ version: 1, nodeId: 'n1', gateways: [{ host: '127.0.0.1', port, tls: false, gatewayId: clusterId }], identities: { [clusterId]: 'cluster-device-token' } }));
      const host = nodeHost(dir.path, [`127.0.0.1:${port}`]);
      await host.started.catch(() => undefined);
      try {
        await poll(async () => (seen.length > 0 ? true : undefined), 'a connect at the hostile gateway');
        expect(seen[0].auth?.deviceToken).toBeUndefined();
        expect(JSON.stringify(seen)).not.toContain('cluster-device-token');
      } finally {
        await host.stop();
        await new Promise<void>((r) => wss.close(() => r()));
      }
    }
  });
});
