/**
 * @module
 * Real processes for benchmarks: a gateway and node hosts started through the `openclaw`
 * binary, their RSS from /proc, and an operator connection from the built core.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { HOST_NODE_FLAGS, hostEnvironment } from '../../hosts/cli/dist/services/openclaw-command.js';

export const BIN = fileURLToPath(new URL('../../hosts/cli/bin/openclaw.js', import.meta.url));

/** A free loopback TCP port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Starts `openclaw <args>` and resolves once `ready(output)` is true for its stdout+stderr. */
export function startOpenclaw(args, { env, ready, timeoutMs = 20_000 }) {
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the servers.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...hostNodeFlags(args), ...nodeArgs, BIN, ...args], { env: hostEnv(args, { ...process.env, ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openclaw ${args.join(' ')} not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      if (ready(output)) {
        clearTimeout(timer);
        resolve(child);
        // Still drained, so a chatty child never blocks on a full pipe, but no longer kept
        // and rescanned: a gateway logging every node connect made that quadratic.
        child.stdout.off('data', onData).resume();
        child.stderr.off('data', onData).resume();
        output = '';
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openclaw ${args.join(' ')} exited ${code}:\n${output}`));
    });
  });
}

/**
 * The flags node gets for `openclaw <args>` when `args` run a long-lived host (`gateway run`,
 * `node run`): the same the installed services start it with, so the figures are those of a
 * deployed host.
 */
export function hostNodeFlags(args) {
  return args[1] === 'run' && Object.hasOwn(HOST_NODE_FLAGS, args[0]) ? HOST_NODE_FLAGS[args[0]] : [];
}

/** `env` with what the installed services add for `openclaw <args>` when it runs a long-lived host (`hostEnvironment`). */
export function hostEnv(args, env) {
  return hostNodeFlags(args).length ? { ...env, ...hostEnvironment(env) } : env;
}

/** `openclaw gateway run` on `port` with its state under `root/<name>`, resolved once listening. */
export function startGateway(root, port, token, name = 'gw') {
  return startOpenclaw(['gateway', 'run', '--port', String(port), '--token', token], {
    env: { OPENCLAW_STATE_DIR: `${root}/${name}`, HOME: root },
    ready: (out) => out.includes('listening'),
  });
}

/**
 * Lets the node host under `root/node` read the local proof of the gateway under
 * `root/<gateway>`, as one state dir shared on one machine would: it then pairs silently.
 */
export function shareGatewayProof(root, gateway = 'gw') {
  mkdirSync(join(root, 'node'), { recursive: true });
  // A node host started again on the same state dir finds the link already there.
  try {
    symlinkSync(join(root, gateway, 'gateway'), join(root, 'node', 'gateway'));
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
}

/**
 * `openclaw node run` against the gateway on `port`, state under `root/node`, resolved once
 * connected; it shows the local proof of the gateway whose state is under `root/<gateway>`.
 */
export function startNode(root, port, token, displayName, gateway = 'gw') {
  shareGatewayProof(root, gateway);
  return startOpenclaw(['node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', displayName], {
    env: { OPENCLAW_STATE_DIR: `${root}/node`, OPENCLAW_GATEWAY_TOKEN: token, HOME: root },
    ready: (out) => out.includes('connected'),
  });
}

/** Resident set size of a process in MiB, from /proc. */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/**
 * Resident memory of a process in MiB from /proc/<pid>/smaps_rollup: `rss`, and `anon`, the
 * part that is the process's own (heap, stacks, allocator) rather than pages of mapped files
 * such as the node binary, which every node process on the machine shares.
 */
export function memoryMb(pid) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const mb = (field) => Math.round((Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? NaN) / 1024) * 10) / 10;
  return { rss: mb('Rss'), anon: mb('Anonymous') };
}

/**
 * Resident memory (`memoryMb`) of a bare `node` that only waits, measured as a server is:
 * what any process of this node binary costs on this machine, the floor under every RSS figure.
 */
export async function bareNodeMemoryMb() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
    // Settled past its start-up, as the servers are when they are measured.
    await new Promise((r) => setTimeout(r, 1_000));
    return memoryMb(child.pid);
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc: per-operation CPU of a
 * server is a figure a busy shared machine does not blur as it does wall time.
 */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  // utime and stime are in clock ticks, 100 a second on Linux (USER_HZ).
  return (ticks * 1000) / 100;
}

/** Highest RSS (MiB) of each pid, sampled every 10 ms while `work` runs; with what `work` resolved to. */
export async function peakRssMb(pids, work) {
  const peaks = pids.map(rssMb);
  const timer = setInterval(() => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i], rssMb(pid)))), 10);
  try {
    const value = await work();
    return { value, peaks };
  } finally {
    clearInterval(timer);
  }
}

/** An operator connection with every scope, as the CLI makes on loopback. */
export async function operator(url, token) {
  const { connectGateway } = await import('../../core/dist/rpc.js');
  const { peer } = await connectGateway({
    url,
    role: 'operator',
    scopes: ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin'],
    client: { id: 'cli', mode: 'cli', version: 'bench', platform: 'linux', instanceId: randomUUID() },
    auth: { token },
  });
  return peer;
}

/**
 * Approves the first node asking to pair through `op` and returns its id and an `invoke`
 * that sends it `node.invoke` (`timeoutMs` is the gateway's wait, default its own).
 */
export async function approveFirstNode(op, timeoutMs) {
  const pending = await until(async () => (await op.request('node.pair.list', {})).pending[0]);
  await op.request('node.pair.approve', { requestId: pending.requestId });
  const nodeId = pending.nodeId;
  const invoke = (command, params) => op.request('node.invoke', { nodeId, command, params, ...(timeoutMs ? { timeoutMs } : {}), idempotencyKey: randomUUID() });
  return { nodeId, invoke };
}

/** Polls `fn` until it returns something other than undefined. */
export async function until(fn, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Prints one result line for bench/run.js. */
export function result(name, unit, median, p90, runs, target, extra = {}) {
  const round = (v) => (v >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000);
  process.stdout.write(`${JSON.stringify({ name, unit, median: round(median), p90: round(p90), runs, ...(target ? { target } : {}), extra })}\n`);
}

/** Ends a bench's processes, newest first, and removes its scratch directory. */
export async function cleanUp(children, root) {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1_000));
  rmSync(root, { recursive: true, force: true });
}
