import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliMachine } from '../support/cli-machine.js';
import { freePort } from '../support/free-port.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { RedisServer } from '../support/redis-server.js';

const HOOK = new URL('../fixtures/loader/record-loads.mjs', import.meta.url).pathname;
const REDIS_CLIENT = /\/node_modules\/ioredis\//;

/** `openclaw gateway run` with every loaded module recorded; answers the recorded URLs once it listens, and its machine. */
async function recordedGateway(cluster?: unknown) {
  const port = await freePort();
  const machine = cliMachine('oc-cluster-cfg-', { gateway: { port, auth: { token: TEST_TOKEN }, ...(cluster ? { cluster } : {}) } });
  const file = join(machine.dir, 'loads.txt');
  const gateway = startProcess(process.execPath, ['--import', HOOK, BIN, 'gateway', 'run'], { ...machine.env, RECORD_LOADS_TO: file }, /listening on/);
  await gateway.started;
  return { machine, gateway, loads: () => readFileSync(file, 'utf8').split('\n').filter(Boolean) };
}

describe('gateway.cluster in config', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('without it the gateway never loads the Redis client', async () => {
    const { machine, gateway, loads } = await recordedGateway();
    try {
      const all = loads();
      expect(all.some((url) => url.includes('/hosts/gateway/'))).toBe(true);
      expect(all.filter((url) => REDIS_CLIENT.test(url) || url.includes('/gateway/dist/cluster/'))).toEqual([]);
    } finally {
      await gateway.stop();
      machine.cleanup();
    }
  });

  it('with it the gateway joins the cluster, and openclaw status shows the membership', async () => {
    const { machine, gateway, loads } = await recordedGateway({ name: 'cfg', redis: { url: redis.url } });
    try {
      expect(loads().some((url) => REDIS_CLIENT.test(url))).toBe(true);
      const members = await redis.cli('SMEMBERS', 'cfg:members');
      expect(members).toMatch(/[0-9a-f-]{36}/);
      const status = await runCli(['status'], { ...machine.env, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN });
      expect(status.stdout).toMatch(/Cluster: cfg, member [0-9a-f-]{36}, 0 other member\(s\) alive, Redis up/);
    } finally {
      await gateway.stop();
      machine.cleanup();
    }
  });

  it('a gateway whose Redis cannot be reached refuses to start with CLUSTER_UNAVAILABLE', async () => {
    const port = await freePort();
    const machine = cliMachine('oc-cluster-cfg-', { gateway: { auth: { token: TEST_TOKEN }, cluster: { redis: { url: `redis://127.0.0.1:${port}` } } } });
    try {
      const run = await runCli(['gateway', 'run', '--port', String(await freePort())], machine.env, 30_000);
      expect(run.code).not.toBe(0);
      expect(run.stdout + run.stderr).toContain('CLUSTER_UNAVAILABLE');
    } finally {
      machine.cleanup();
    }
  });

  it('refuses a cluster name that could collide with another key space', async () => {
    const machine = cliMachine('oc-cluster-cfg-', { gateway: { cluster: { name: 'a:b', redis: { url: redis.url } } } });
    try {
      const run = await runCli(['gateway', 'run', '--port', String(await freePort())], machine.env);
      expect(run.code).not.toBe(0);
      expect(run.stdout + run.stderr).toContain('gateway.cluster.name');
    } finally {
      machine.cleanup();
    }
  });
});
