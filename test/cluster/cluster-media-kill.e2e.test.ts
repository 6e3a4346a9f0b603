import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpBase, type TestGateway } from '../http/http-kit.js';
import { BULK_PACKAGE, handNode, startInvoke } from '../media/media-oob-kit.js';
import { cliMachine, type CliMachine } from '../support/cli-machine.js';
import { stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { freePort } from '../support/free-port.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { trustLocalProofOf } from '../support/local-proof.js';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RedisServer } from '../support/redis-server.js';
import { answerWithUrl, bulkBytes, bulkMembers, fetchMedia, uploadFor } from './cluster-media-kit.js';

const SIZE = 32 * 1024 * 1024;

describe('gateway cluster on Redis: the member holding media killed with kill -9', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];
  let machine: CliMachine;
  let victim: ReturnType<typeof startProcess>;
  let holder: Pick<TestGateway, 'url'>;

  beforeAll(async () => {
    redis = await RedisServer.start();
    members = (await bulkMembers(redis.url, 'mkill')).slice(0, 2);
    const port = await freePort();
    machine = cliMachine('oc-cluster-media-kill-', { gateway: { port, auth: { token: TEST_TOKEN }, cluster: { name: 'mkill', redis: { url: redis.url } } }, plugins: { load: [BULK_PACKAGE] } });
    victim = startProcess(process.execPath, [BIN, 'gateway', 'run'], machine.env, /listening on/);
    await victim.started;
    holder = { url: `ws://127.0.0.1:${port}` };
    // A hand node on the victim's machine proves it is local, as a node host there would.
    trustLocalProofOf(machine.state);
    await poll(async () => (members[0]!.gateway.ctx.cluster!.status().peers.length === 3 ? true : undefined), 'three peers');
  }, 60_000);
  afterAll(async () => {
    await victim?.stop();
    await stopAll(members ?? []);
    await redis?.stop();
    machine?.cleanup();
  });

  it('a download through another member fails mid-stream, the pull ends, and the next fetch is CLUSTER_UNAVAILABLE', { timeout: 60_000 }, async () => {
    const [a] = members as [ClusterMemberGateway];
    const node = await handNode(holder as TestGateway, 'Doomed Node');
    await poll(async () => (a.gateway.ctx.registry.route(node.nodeId)?.conn.open ? true : undefined), 'the node on the victim routable from A');
    const call = await startInvoke(a, node);
    answerWithUrl(node, call.id, await uploadFor(holder, node, call.id, bulkBytes(SIZE)));
    const { url } = (await call.answer).json.payload;

    const res = await fetch(`${httpBase(a)}${url}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = (await reader.read()).value!.length;
    victim.child.kill('SIGKILL');
    const ending = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        received += value.length;
      }
    })().catch(() => 'aborted');
    // Cut short, not passed off as the whole file.
    expect({ ending, short: received < SIZE }).toEqual({ ending: 'aborted', short: true });
    await poll(async () => (a.gateway.ctx.cluster!.media.pulls === 0 ? true : undefined), 'the pull on A ended');

    const after = await fetchMedia(a, url);
    expect({ status: after.status, code: JSON.parse(after.body.toString()).error.code }).toEqual({ status: 503, code: 'CLUSTER_UNAVAILABLE' });
    node.ws.close();
  });
});
