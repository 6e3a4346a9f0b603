import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { ourCli, runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { shareLocalProof } from '../support/local-proof.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'local-surface-token';
const stops: Array<() => Promise<void> | void> = [];
let gwEnv: NodeJS.ProcessEnv;
let url: string;

beforeAll(async () => {
  const gwDir = tempDir('oc-surface-gw-');
  const nodeDir = tempDir('oc-surface-node-');
  stops.push(gwDir.cleanup, nodeDir.cleanup);
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
  const port = await freePort();
  url = `ws://127.0.0.1:${port}`;
  gwEnv = { ...process.env, OPENCLAW_STATE_DIR: gwDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN, NO_COLOR: '1' };
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], gwEnv, /listening on/);
  stops.push(gateway.stop);
  await gateway.started;
  // On the gateway's machine: paired silently, its commands still waiting for an operator.
  shareLocalProof(gwDir.path, nodeDir.path);
  const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--display-name', 'Local Node'], { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /connected to/);
  stops.push(node.stop);
  await node.started;
}, 60_000);
afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('a node paired silently as local, its commands not yet approved', () => {
  it('nodes run and openclaw status say which request to approve', async () => {
    const pending = await poll(async () => (JSON.parse(await ourCli(['nodes', 'pending', '--json', '--url', url], gwEnv)) as any[]).find((p) => p.displayName === 'Local Node'), 'the surface request');
    expect(pending.kind).toBeUndefined();
    const run = await runCli(['nodes', 'run', '--node', 'Local Node', '--url', url, '--', 'true'], gwEnv);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the node's commands are waiting for approval; run \`openclaw nodes approve ${pending.requestId}\``);
    const status = await ourCli(['status'], gwEnv);
    expect(status).toContain(`Local Node (commands): openclaw nodes approve ${pending.requestId}`);
  });
});
