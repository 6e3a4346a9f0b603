/**
 * @module
 * The gateway cluster on Redis, with real processes on loopback: a `redis-server`, gateway
 * members (`openclaw gateway run` with `gateway.cluster`), our headless node host on one of
 * them and operators in this process. Measures what a call to a node on another member
 * costs over one on the node's own member (p50 and 32 in flight), handshakes/s of returning
 * nodes with pairing in Redis against the file store, how soon a call ends `DISCONNECTED`
 * after its node's member is killed with SIGKILL, and a 3-member run with simulated signed
 * nodes (RSS of each member, Redis memory per node). Needs `redis-server`.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantile } from './lib/measure.js';
import { cleanUp, freePort, operator, result, rssMb, startGateway, startNode, until } from './lib/processes.js';
import { startRedis } from './lib/redis-server.js';
import { connectAll, generateDeviceIdentity } from './lib/simulated-nodes.js';

const TOKEN = 'bench-token';
const SEQUENTIAL = Number(process.env.BENCH_INVOKES ?? 2_000);
const THROUGHPUT_MS = Number(process.env.BENCH_THROUGHPUT_MS ?? 3_000);
const RETURNING = Number(process.env.BENCH_NODES ?? 1_000);
const PER_MEMBER = Number(process.env.BENCH_CLUSTER_NODES ?? 5_000);

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-cluster-'));
const children = [];
try {
  const redis = await startRedis(join(root, 'redis'));
  children.push(redis.child);
  const member = async (name, cluster = name.startsWith('file') ? undefined : 'bench') => {
    mkdirSync(join(root, name), { recursive: true });
    const config = { gateway: { nodes: { pairing: { autoApproveLocal: true } }, ...(cluster ? { cluster: { name: cluster, redis: { url: redis.url } } } : {}) } };
    writeFileSync(join(root, name, 'openclaw.json'), JSON.stringify(config));
    const port = await freePort();
    const child = await startGateway(root, port, TOKEN, name);
    children.push(child);
    return { child, port, url: `ws://127.0.0.1:${port}`, stateDir: join(root, name) };
  };

  const a = await member('a');
  const b = await member('b');
  children.push(await startNode(root, b.port, TOKEN, 'bench-node', 'b'));
  const opA = await operator(a.url, TOKEN);
  const opB = await operator(b.url, TOKEN);
  const pending = await until(async () => (await opB.request('node.pair.list', {})).pending[0]);
  await opB.request('node.pair.approve', { requestId: pending.requestId });
  const nodeId = pending.nodeId;
  const invoke = (op) => op.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: randomUUID() });
  await until(async () => ((await invoke(opA).catch(() => undefined)) ? true : undefined));

  // Sequential latency: same member (B) and cross (A → B) in alternating batches, so load on a
  // shared machine slows both alike.
  for (let i = 0; i < 300; i++) await invoke(opA), await invoke(opB);
  const same = [];
  const cross = [];
  for (let done = 0; done < SEQUENTIAL; done += 100) {
    for (const [op, samples] of [[opB, same], [opA, cross]]) {
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await invoke(op);
        samples.push(performance.now() - t0);
      }
    }
  }
  const sameP50 = quantile(same, 0.5);
  const crossP50 = quantile(cross, 0.5);
  result('cluster.invoke.cross-minus-same.p50', 'ms', crossP50 - sameP50, quantile(cross, 0.9) - quantile(same, 0.9), SEQUENTIAL, '<= 1', { sameP50, crossP50, sameP99: quantile(same, 0.99), crossP99: quantile(cross, 0.99), transport: 'Redis pub/sub, a channel per member' });

  const throughput = async (op) => {
    let done = 0;
    const end = performance.now() + THROUGHPUT_MS;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (performance.now() < end) {
        await invoke(op);
        done++;
      }
    }));
    return done / ((performance.now() - t0) / 1000);
  };
  // Alternated twice, best of each: the first runs also warm the JIT.
  const rates = [];
  for (let round = 0; round < 2; round++) rates.push([await throughput(opB), await throughput(opA)]);
  const sameRate = Math.max(...rates.map((r) => r[0]));
  const crossRate = Math.max(...rates.map((r) => r[1]));
  result('cluster.invoke.cross-throughput-share', '%', (100 * crossRate) / sameRate, (100 * crossRate) / sameRate, 1, '>= 50', { sameMemberPerSecond: Math.round(sameRate), crossMemberPerSecond: Math.round(crossRate), inFlight: 32 });

  // Handshakes/s of returning nodes (device token, already paired): a member of its own
  // cluster (pairing in Redis) against a gateway with the file store, fresh ones alternated
  // three times each because a shared 2-core machine moves these by a factor of two.
  const returning = async (gw) => {
    const identities = Array.from({ length: RETURNING }, () => generateDeviceIdentity());
    const first = await connectAll(gw.url, identities, () => ({ token: TOKEN }), { silent: true, localProofDir: gw.stateDir });
    const tokens = new Map(first.answers.map(({ ws, res }, i) => (ws.terminate(), [identities[i].deviceId, res.payload.auth.deviceToken])));
    await new Promise((r) => setTimeout(r, 1_000));
    const again = await connectAll(gw.url, identities, (id) => ({ deviceToken: tokens.get(id.deviceId) }), { silent: true, localProofDir: gw.stateDir });
    for (const { ws } of again.answers) ws.terminate();
    gw.child.kill('SIGTERM');
    return RETURNING / (again.elapsedMs / 1000);
  };
  const fileRates = [];
  const redisRates = [];
  for (let trial = 0; trial < 3; trial++) {
    fileRates.push(await returning(await member(`file-${trial}`)));
    redisRates.push(await returning(await member(`solo-${trial}`, `solo-${trial}`)));
  }
  const fileRate = quantile(fileRates, 0.5);
  const redisRate = quantile(redisRates, 0.5);
  result('cluster.handshakes.returning-share', '%', (100 * redisRate) / fileRate, (100 * Math.min(...redisRates)) / Math.max(...fileRates), RETURNING, '>= 70', { redisPerSecond: redisRates.map(Math.round), filePerSecond: fileRates.map(Math.round), note: 'returning nodes presenting their device token, 50 at a time; medians of 3 alternated trials' });

  // A member killed with SIGKILL while a call waits on its node: how soon the caller hears DISCONNECTED.
  const gone = [];
  for (let trial = 0; trial < 3; trial++) {
    const victim = await member(`victim-${trial}`);
    const identity = generateDeviceIdentity();
    const { answers } = await connectAll(victim.url, [identity], () => ({ token: TOKEN }), { silent: true, localProofDir: victim.stateDir });
    const id = identity.deviceId;
    // Silently paired (on the member's machine, with its local proof); its command surface still needs an operator, on any member.
    const surface = await until(async () => (await opA.request('node.pair.list', {})).pending.find((p) => p.nodeId === id));
    await opA.request('node.pair.approve', { requestId: surface.requestId });
    await until(async () => ((await opA.request('node.list', {})).nodes.some((n) => n.nodeId === id && n.connected) ? true : undefined));
    const call = opA.request('node.invoke', { nodeId: id, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: randomUUID(), timeoutMs: 60_000 }).catch((err) => err);
    await new Promise((r) => setTimeout(r, 200));
    victim.child.kill('SIGKILL');
    const t0 = performance.now();
    const answer = await call;
    gone.push(performance.now() - t0);
    if (!String(answer?.details?.code ?? answer?.code ?? answer?.message).includes('DISCONNECTED')) throw new Error(`expected DISCONNECTED, got ${JSON.stringify(answer)}`);
    for (const { ws } of answers) ws.terminate();
  }
  result('cluster.member-killed.disconnected', 'ms', quantile(gone, 0.5), Math.max(...gone), gone.length, '<= 1000', { heartbeatMs: 200, heartbeatTtlMs: 750 });
  opA.close();
  opB.close();

  // Three members with PER_MEMBER simulated signed nodes each: RSS per member, Redis memory per node.
  if (PER_MEMBER > 0) {
    const before = await redis.usedMemory();
    const trio = [await member('m1', 'bench3'), await member('m2', 'bench3'), await member('m3', 'bench3')];
    await new Promise((r) => setTimeout(r, 1_000));
    const idle = trio.map((m) => rssMb(m.child.pid));
    const t0 = performance.now();
    const fleets = await Promise.all(trio.map((m) => connectAll(m.url, Array.from({ length: PER_MEMBER }, () => generateDeviceIdentity()), () => ({ token: TOKEN }), { silent: true, localProofDir: m.stateDir })));
    const elapsed = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 3_500));
    const rss = trio.map((m) => rssMb(m.child.pid));
    const perNode = ((await redis.usedMemory()) - before) / (3 * PER_MEMBER);
    const total = rss.reduce((s, v) => s + v, 0);
    result('cluster.3x-nodes.rss-total', 'MB', total, Math.max(...rss), 3 * PER_MEMBER, undefined, { perMemberMb: rss, idlePerMemberMb: idle, handshakesPerSecond: Math.round((3 * PER_MEMBER) / (elapsed / 1000)) });
    result('cluster.3x-nodes.redis-bytes-per-node', 'bytes', perNode, perNode, 3 * PER_MEMBER, undefined, { note: 'used_memory growth over pairing records and node locations, divided by nodes' });
    for (const fleet of fleets) for (const { ws } of fleet.answers) ws.terminate();
  }
} finally {
  await cleanUp(children, root);
}
