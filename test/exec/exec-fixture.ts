import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/free-port.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { BIN } from '../support/paths.js';
import { ourCli, runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

export const TOKEN = 'exec-e2e-token';

/**
 * Our gateway and our node host as real processes on loopback, paired, with a CLI that
 * shares the gateway machine's state dir (so `config set` edits the config the gateway reads).
 */
export async function startExecFixture(displayName: string, options: { nodeEnv?: NodeJS.ProcessEnv } = {}) {
  const stops: Array<() => Promise<void> | void> = [];
  const gwDir = tempDir('oc-exec-gw-');
  const nodeDir = tempDir('oc-exec-node-');
  stops.push(gwDir.cleanup, nodeDir.cleanup);
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const gwEnv: NodeJS.ProcessEnv = { ...process.env, OPENCLAW_STATE_DIR: gwDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN, NO_COLOR: '1' };
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], gwEnv, /listening on/);
  stops.push(gateway.stop);
  await gateway.started;
  // The node is on the gateway's machine: it shows the gateway's local proof and pairs silently.
  shareLocalProof(gwDir.path, nodeDir.path);
  const nodeEnv = { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN, ...options.nodeEnv };
  /** Starts (or starts again) the node host process on the same state dir. */
  const startNode = async () => {
    const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--display-name', displayName], nodeEnv, /connected to|waiting for approval/);
    stops.push(node.stop);
    await node.started;
    return node;
  };
  const node = await startNode();
  // Before a `--`: what follows it is the remote command.
  const withUrl = (args: string[]) => {
    const end = args.indexOf('--');
    return end < 0 ? [...args, '--url', url] : [...args.slice(0, end), '--url', url, ...args.slice(end)];
  };
  const cli = (...args: string[]) => ourCli(withUrl(args), gwEnv);
  const run = (...args: string[]) => runCli(withUrl(args), gwEnv);
  /** `config …` talks to no gateway, so it takes no --url. */
  const config = (...args: string[]) => ourCli(['config', ...args], gwEnv);
  // Approve whatever keeps the node from serving system.run, then wait until it does.
  const nodeId = await poll(async () => {
    for (const p of JSON.parse(await cli('nodes', 'pending', '--json')) as Array<{ requestId: string }>) await cli('nodes', 'approve', p.requestId);
    const { nodes } = JSON.parse(await cli('nodes', 'status', '--json')) as { nodes: Array<{ nodeId: string; connected: boolean; commands: string[] }> };
    return nodes.find((n) => n.connected && n.commands.includes('system.run'))?.nodeId;
  }, 'the node serving system.run');
  /** Replaces an approvals file (`--node <name>` or `--gateway`) with the given one. */
  const setApprovals = async (target: string[], file: unknown) => {
    const path = join(gwDir.path, `approvals-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(file));
    await ourCli(withUrl(['approvals', 'set', ...target, '--file', path]), gwEnv);
  };
  return {
    url,
    port,
    nodeId,
    node,
    startNode,
    setApprovals,
    gwDir: gwDir.path,
    nodeDir: nodeDir.path,
    gwEnv,
    cli,
    run,
    config,
    /** An operator connected over WebSocket with the gateway token, asking for `scopes`. */
    async operator(scopes: string[]) {
      const client = await RawClient.open(url);
      await client.challenge();
      client.send(operatorConnect(TOKEN, scopes));
      await client.next((f) => f.type === 'res' && f.ok);
      return client;
    },
    /** POST /tools/invoke with the gateway token (or the given headers). */
    async http(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
      const res = await fetch(`http://127.0.0.1:${port}/tools/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    },
    async stop() {
      while (stops.length) await stops.pop()!();
    },
  };
}

/**
 * A gateway alone (no node) on a fresh state dir holding `config` and an approvals file that
 * lets everything run, started with `env` and `args`; `exec` posts a host=gateway command with
 * `token` and returns the JSON body.
 */
export async function startFullExecGateway(config: unknown, env: NodeJS.ProcessEnv, args: string[] = []) {
  const dir = tempDir('oc-exec-gw-full-');
  writeFileSync(join(dir.path, 'openclaw.json'), JSON.stringify(config), { mode: 0o600 });
  writeFileSync(join(dir.path, 'exec-approvals.json'), JSON.stringify({ version: 1, defaults: { security: 'full', ask: 'off' }, agents: {} }), { mode: 0o600 });
  const port = await freePort();
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), ...args], { ...env, OPENCLAW_STATE_DIR: dir.path }, /listening on/);
  const stop = async () => {
    await gateway.stop();
    dir.cleanup();
  };
  await gateway.started.catch(async (err) => {
    await stop();
    throw err;
  });
  return {
    stop,
    async exec(command: string, token: string): Promise<any> {
      const res = await fetch(`http://127.0.0.1:${port}/tools/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ tool: 'exec', args: { command } }),
      });
      return res.json();
    },
  };
}
