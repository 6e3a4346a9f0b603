import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { OpenClawConfig } from '@openclaw-nodes/config';
import { selfSignedCertificatePaths } from '@openclaw-nodes/gateway/tls';
import { localProofHeaders } from '@openclaw-nodes/core/store';
import { printable } from '@openclaw-nodes/core/printable';
import { readGatewayRuntime } from './gateway-runtime-file.js';
import { probeGet } from './http-probe.js';
import type { ServiceRunFlags } from './service-flags.js';

const PROBE_TIMEOUT_MS = 2_000;

/** One pending request as `openclaw status` lists it. */
export interface PendingView {
  requestId: string;
  displayName: string;
  kind: string;
  verificationCode: string | null;
}

/** Requests listed by name; the count covers the rest (`openclaw nodes pending` shows all). */
const MAX_LISTED = 20;

export interface GatewayStatus {
  /** The config has a `gateway` section (or a gateway service is installed). */
  configured: boolean;
  mode: 'local' | 'remote';
  /** In remote mode: the gateway this machine's CLI talks to. */
  remoteUrl?: string;
  /** Where a gateway of this machine's config listens, and whether one answers there. */
  url: string;
  bind: string;
  listening: boolean;
  version?: string;
  uptimeMs?: number;
  /** SHA-256 of the certificate served (else configured); null without TLS. */
  tlsFingerprint: string | null;
  connectedNodes?: number;
  pendingRequests?: number;
  /** Cluster membership when the gateway is a member (`gateway.cluster`). */
  cluster?: { name: string; member: string; peers: number; redis: string };
  /** The first pending requests, each with the verification code its node printed (null for a surface request). */
  pending?: PendingView[];
  /** Why the counts behind the token could not be read. */
  apiError?: string;
}

/**
 * The gateway side of this machine: probes where the gateway of this state dir says it listens
 * (else the configured port, on loopback or the custom bind address) for `/health`, then with
 * the token for the pending pairing requests. Loads no gateway or plugin code; every probe
 * gives up after 2 s.
 */
export async function gatewayStatus(config: OpenClawConfig, options: { stateDir: string; configured: boolean; token?: string; installed?: ServiceRunFlags }): Promise<GatewayStatus> {
  const g = config.gateway;
  const runtime = await readGatewayRuntime(options.stateDir);
  // A gateway that is not running is looked for where its installed service would start it.
  const installed = options.installed ?? {};
  const configuredHost = installed.host ?? (g.bind === 'custom' && g.customBindHost ? g.customBindHost : '127.0.0.1');
  const bound = runtime?.host ?? configuredHost;
  // A gateway bound to every address answers on loopback too.
  const host = bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;
  const target = { host, port: runtime?.port ?? installed.port ?? g.port, tls: runtime?.tls ?? installed.tls ?? g.tls.enabled };
  const url = runtime?.url ?? `${target.tls ? 'wss' : 'ws'}://${host.includes(':') ? `[${host}]` : host}:${target.port}`;
  const status: GatewayStatus = {
    configured: options.configured || runtime !== undefined,
    mode: g.mode === 'remote' ? 'remote' : 'local',
    ...(g.mode === 'remote' && g.remote?.url ? { remoteUrl: g.remote.url } : {}),
    url,
    bind: runtime?.bind ?? g.bind,
    listening: false,
    tlsFingerprint: target.tls ? (runtime?.tlsFingerprint ?? (await certificateFingerprint(g.tls.certPath ?? selfSignedCertificatePaths(options.stateDir).certPath))) : null,
  };
  const health = await probeGet(target, '/health', PROBE_TIMEOUT_MS).catch(() => undefined);
  const body = health?.json as { ok?: unknown; version?: unknown; uptimeMs?: unknown; nodes?: unknown; cluster?: unknown } | undefined;
  if (health?.status !== 200 || body?.ok !== true) return status;
  Object.assign(status, {
    listening: true,
    ...(typeof body.version === 'string' ? { version: body.version } : {}),
    ...(typeof body.uptimeMs === 'number' ? { uptimeMs: body.uptimeMs } : {}),
    ...(typeof body.nodes === 'number' ? { connectedNodes: body.nodes } : {}),
    ...(health.tlsFingerprint ? { tlsFingerprint: health.tlsFingerprint } : {}),
    ...clusterOf(body.cluster),
  });
  // Anyone may listen on a free port: the token goes only to the gateway that this state dir
  // (writable by its owner alone) says is running, never to whatever answers on the configured port.
  if (runtime === undefined) return { ...status, apiError: 'no gateway of this state dir runs here, so the token was not sent' };
  if (!options.token && g.auth.mode !== 'none') return { ...status, apiError: 'no gateway token here (OPENCLAW_GATEWAY_TOKEN or gateway.auth.token)' };
  // Over TLS the token goes only to the certificate that gateway reported serving (checked before sending).
  // With auth mode none the gateway answers a local client only: one that shows its local proof.
  const proof = await localProofHeaders(options.stateDir, url);
  const pairing = await probeGet(target, '/v1/pairing', PROBE_TIMEOUT_MS, options.token, runtime.tlsFingerprint, proof).catch((err: Error) => err);
  if (pairing instanceof Error) return { ...status, apiError: `the token was not sent: ${pairing.message}` };
  const answer = pairing.json as { pending?: unknown; error?: { message?: unknown } } | undefined;
  if (pairing.status === 200 && Array.isArray(answer?.pending)) return { ...status, pendingRequests: answer.pending.length, pending: answer.pending.slice(0, MAX_LISTED).map(pendingView) };
  const reason = typeof answer?.error?.message === 'string' ? answer.error.message.slice(0, 200) : `HTTP ${pairing.status}`;
  return { ...status, apiError: `the gateway API refused the token: ${reason}` };
}

/** A pending request from the gateway's answer, each field checked and bounded before it is printed. */
function pendingView(raw: unknown): PendingView {
  const p = (raw ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? printable(value).slice(0, 120) : '');
  const code = typeof p.verificationCode === 'string' && /^\d{4}-\d{4}$/.test(p.verificationCode) ? p.verificationCode : null;
  // A command-surface request carries no kind.
  return { requestId: text(p.requestId), displayName: text(p.displayName), kind: p.kind === 'device-pairing' ? 'device-pairing' : 'commands', verificationCode: code };
}

/** The SHA-256 fingerprint (`AB:CD:…`) of a certificate file (configured or generated); null when unreadable. */
async function certificateFingerprint(certPath: string | undefined): Promise<string | null> {
  if (!certPath) return null;
  try {
    return new X509Certificate(await readFile(certPath)).fingerprint256;
  } catch {
    return null;
  }
}


/** The `cluster` block of `/health`, kept only when every field has its type (the answer is a peer's). */
function clusterOf(value: unknown): { cluster?: GatewayStatus['cluster'] } {
  const c = value as Record<string, unknown> | null | undefined;
  if (typeof c !== 'object' || c === null) return {};
  const { name, member, peers, redis } = c;
  if (typeof name !== 'string' || typeof member !== 'string' || typeof peers !== 'number' || typeof redis !== 'string') return {};
  return { cluster: { name: name.slice(0, 64), member: member.slice(0, 64), peers, redis: redis.slice(0, 8) } };
}
