/**
 * @module
 * Our gateway and node host as real processes on loopback for the fault cases, through the
 * `openclaw` binary, with a raw operator connection (bench/lib/raw-operator.js).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, freePort, hostEnv, hostNodeFlags, startNode, until } from '../../bench/lib/processes.js';
import { connectRawOperator } from '../../bench/lib/raw-operator.js';

export const TOKEN = 'fault-token';

/**
 * `openclaw gateway run` on `port` with its state in `root/<name>` (and `config` as its
 * openclaw.json when given); `nodeArgs` go to node itself (`--inspect=…`). Resolves with
 * `{ child, output() }` once it listens.
 * @throws Error when it exits first or is not listening within 30 s.
 */
export function startOurGateway(root, port, { name = 'gw', config, nodeArgs = [] } = {}) {
  const stateDir = join(root, name);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  if (config) writeFileSync(join(stateDir, 'openclaw.json'), JSON.stringify(config), { mode: 0o600 });
  const args = ['gateway', 'run', '--port', String(port), '--token', TOKEN];
  const child = spawn(process.execPath, [...hostNodeFlags(args), ...nodeArgs, BIN, ...args], {
    env: hostEnv(args, { ...process.env, OPENCLAW_STATE_DIR: stateDir, HOME: root }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway not listening in 30 s:\n${output}`)), 30_000);
    let listening = false;
    const onData = (chunk) => {
      output += chunk;
      if (output.length > 1_000_000) output = output.slice(-500_000);
      // The gateway's own line (`listening on <url> (bind …)`): `--inspect` prints "Debugger listening on ws://…" first.
      // Looked for until found only: rescanning a megabyte per log line slowed this process (and its simulated nodes) down.
      if (!listening && /listening on wss?:\/\/\S+ \(bind /.test(output)) {
        listening = true;
        clearTimeout(timer);
        resolve({ child, stateDir, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => (clearTimeout(timer), reject(new Error(`gateway exited ${code ?? signal}:\n${output}`))));
  });
}

/**
 * A gateway, one of our node hosts paired to it and an operator: `{ port, url, gateway, node,
 * op, nodeId, invoke(params?, timeoutMs?) }`. `track` registers each child for cleanup.
 */
export async function startStack(root, track, { gatewayConfig, nodeArgs } = {}) {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const gateway = await startOurGateway(root, port, { config: gatewayConfig, nodeArgs });
  track(gateway.child);
  const node = track(await startNode(root, port, TOKEN, 'fault-node'));
  const op = await connectRawOperator(url, TOKEN);
  const pending = await until(async () => (await op.request('node.pair.list', {})).payload.pending[0], 20_000);
  const approved = await op.request('node.pair.approve', { requestId: pending.requestId });
  if (!approved.ok) throw new Error(`approving the node failed: ${JSON.stringify(approved.error)}`);
  const invoke = (params = { bins: ['sh'] }, timeoutMs) => op.invoke(pending.nodeId, 'system.which', params, timeoutMs);
  await until(async () => ((await invoke()).ok ? true : undefined), 20_000);
  return { port, url, gateway, node, op, nodeId: pending.nodeId, invoke };
}

/** The gateway's `/metrics` text (bearer token). */
export async function metrics(port) {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return res.text();
}

/** One sample's value from Prometheus text, e.g. `metric(text, 'openclaw_nodes_connected')`. */
export function metric(text, name) {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}
