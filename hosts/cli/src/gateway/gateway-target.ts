import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MAX_TIMER_MS } from '@openclaw-nodes/core/timer-delay';
import { isSha256Fingerprint, urlForDisplay } from '@openclaw-nodes/core/rpc';
import { loadCliConfig } from '../load-cli-config.js';
import { readGatewayRuntime } from '../status/gateway-runtime-file.js';

/** Connection options every gateway-talking command accepts (CLI.md section 1.1). */
export interface GatewayFlags {
  url?: string;
  token?: string;
  tlsFingerprint?: string;
  timeout?: string;
  json?: boolean;
}

export interface GatewayTarget {
  url: string;
  token: string | undefined;
  /** SHA-256 the gateway's certificate must have (wss:// only). */
  tlsFingerprint?: string;
  timeoutMs: number;
  /** This machine's state dir, where a gateway running here keeps its local proof. */
  stateDir: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Where to connect and with what: `--url`/`--token`, then `OPENCLAW_GATEWAY_TOKEN`, then the
 * config (`gateway.remote.*` in remote mode, else the gateway running on this machine where
 * its status file says, as `openclaw status` finds it, else the configured port, and
 * `gateway.auth.token`). The config is read only when a flag or the environment does not
 * already say everything.
 */
export async function resolveTarget(flags: GatewayFlags, defaultTimeoutMs: number): Promise<GatewayTarget> {
  const timeoutMs = parseTimeout(flags.timeout, defaultTimeoutMs);
  let url = flags.url;
  let token = flags.token ?? process.env.OPENCLAW_GATEWAY_TOKEN;
  let tlsFingerprint = flags.tlsFingerprint;
  if (url === undefined || (token === undefined && flags.url === undefined)) {
    const { config, stateDir } = await loadCliConfig();
    const remote = config.gateway.mode === 'remote' ? config.gateway.remote : undefined;
    // The configured pin belongs to the configured URL, never to one given with --url.
    if (url === undefined) tlsFingerprint ??= remote?.url === undefined ? undefined : remote.tlsFingerprint;
    if (url === undefined && remote?.url !== undefined) url = remote.url;
    if (url === undefined) {
      // A gateway started with --port (or --tls) says where it listens in our own state dir.
      const running = await readGatewayRuntime(stateDir);
      url = running?.url ?? `ws://127.0.0.1:${config.gateway.port}`;
      tlsFingerprint ??= running?.tlsFingerprint;
    }
    token ??= remote?.token ?? config.gateway.auth.token;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OpenClawError('CLI_USAGE', `invalid --url: ${urlForDisplay(url)} (expected ws://host:port or wss://host:port)`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new OpenClawError('CLI_USAGE', `invalid --url: ${urlForDisplay(url)} (expected ws://host:port or wss://host:port)`);
  }
  // A token sent in clear text over a network can be replayed by anyone on the path.
  if (parsed.protocol === 'ws:' && !LOOPBACK.test(parsed.hostname)) {
    throw new OpenClawError('CLI_USAGE', `refusing plaintext ws:// to ${parsed.hostname}; use wss:// or an SSH tunnel to a loopback port`);
  }
  if (tlsFingerprint !== undefined && !isSha256Fingerprint(tlsFingerprint)) {
    throw new OpenClawError('CLI_USAGE', `--tls-fingerprint must be a SHA-256 fingerprint: 64 hex digits, plain or colon-separated (AB:CD:…), got ${JSON.stringify(tlsFingerprint.slice(0, 120))}`);
  }
  if (tlsFingerprint !== undefined && parsed.protocol !== 'wss:') {
    throw new OpenClawError('CLI_USAGE', `--tls-fingerprint pins a TLS certificate, but ${urlForDisplay(url)} is plaintext ws://; use wss://`);
  }
  // Only the state dir module: a command given --url and --token loads no config code.
  const stateDir = (await import('@openclaw-nodes/config/state-dir')).resolveStateDir();
  return { url, token, timeoutMs, stateDir, ...(tlsFingerprint === undefined ? {} : { tlsFingerprint }) };
}

/**
 * A millisecond flag (`--timeout`, `--invoke-timeout`, ...): a positive integer no larger
 * than `MAX_TIMER_MS` (a longer timer would fire at once); `fallback` when absent.
 * Throws CLI_USAGE naming the flag.
 */
export function parseTimeout(raw: string | undefined, fallback: number, flag = '--timeout'): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new OpenClawError('CLI_USAGE', `${flag} must be a positive integer (milliseconds), got ${raw}`);
  if (value > MAX_TIMER_MS) throw new OpenClawError('CLI_USAGE', `${flag} must be at most ${MAX_TIMER_MS} ms (about 24.8 days), got ${raw}`);
  return value;
}
