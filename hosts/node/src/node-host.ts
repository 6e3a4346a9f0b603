import { platform as osPlatform } from 'node:os';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { GATEWAY_NONCE_HEADER, loadOrCreateDeviceIdentity, newGatewayNonce, pairingCode, signConnectDevice, verifyGatewayProof, type DeviceIdentity } from '@openclaw-nodes/core/identity';
import type { HostEnvironment } from '@openclaw-nodes/core/plugin';
import { MAX_NODE_PLUGINS, type NodePluginStatus } from '@openclaw-nodes/core/protocol';
import { connectGateway, type GatewayAuth, type GatewayConnection } from '@openclaw-nodes/core/rpc';
import { Backoff } from './backoff.js';
import { gatewayUrl, type GatewayAddress } from './gateway-address.js';
import { GatewayRotation } from './gateway-rotation.js';
import { hostStats } from './host-stats.js';
import { InvokeHandler, type CommandRunner } from './invoke-handler.js';
import { DEFAULT_INLINE_MAX_BYTES, outOfBandDelivery } from './media-upload.js';
import { forgetToken, nodeStateStore, recordConnect, tokenFor, type NodeState } from './node-state.js';
import { publishUntilAccepted } from './publish-event.js';

const STATS_INTERVAL_MS = 60_000;
/** The close code of a gateway stopping to start again (RFC 6455 "service restart"). */
const SERVICE_RESTART = 1012;
/**
 * Answers after which retrying the same address cannot help: the operator must change a
 * setting. The address is not tried again by this process; the host moves on to its other
 * addresses and stops (with the error) only when none is left. A certificate that is not the
 * pinned (or a trusted) one is among them: retrying would only keep offering the handshake to
 * whoever answers, and the log says which fingerprint it saw. A wrong shared token would only
 * feed the gateway's failed-auth lockout; a protocol or version mismatch needs an upgrade.
 */
const FATAL: ReadonlySet<string> = new Set([
  'AUTH_TOKEN_MISSING',
  'AUTH_TOKEN_MISMATCH',
  'PROTOCOL_MISMATCH',
  'CLIENT_VERSION_MISMATCH',
  'DEVICE_IDENTITY_REQUIRED',
  'TLS_FINGERPRINT_MISMATCH',
  'TLS_CERT_UNTRUSTED',
]);

export type NodeHostStatus = 'connecting' | 'connected' | 'waiting-approval' | 'stopped';
/** What the host reports on each status change (`onStatus`). */
export interface NodeHostStatusReport {
  status: NodeHostStatus;
  url: string;
  /** Every address the host fails over between, in order. */
  gateways: string[];
  /** The pinned certificate fingerprint of each of those addresses that has one, by URL. */
  pins?: Record<string, string>;
  /** The device id, once the identity is loaded. */
  nodeId?: string;
  /** The pending pairing request while `waiting-approval`. */
  requestId?: string;
  /** Its verification code (`1234-5678`), derived from the gateway's key and ours. */
  verificationCode?: string;
}
export type NodeHostLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface NodeHostOptions {
  stateDir: string;
  /** The one gateway, unless `gateways` names several. */
  host?: string;
  port?: number;
  tls?: boolean;
  /** Pin the gateway's certificate by SHA-256 fingerprint (implies TLS). */
  tlsFingerprint?: string;
  /** The gateways to fail over between, in order (wins over `host`/`port`/`tls`/`tlsFingerprint`). */
  gateways?: readonly GatewayAddress[];
  displayName?: string;
  /** The shared gateway token (`OPENCLAW_GATEWAY_TOKEN`); wins over a stored device token. */
  token?: string;
  runner: CommandRunner;
  version: string;
  /** The machine's facts (platform, PATH, display), read once; the process's own when absent. */
  hostEnv?: HostEnvironment;
  log?: NodeHostLog;
  /** Waits between failed rounds over all addresses (default 0.5 s to 30 s, full jitter). */
  backoff?: Backoff;
  /** Called on each status change, e.g. to keep a runtime status file for `openclaw status`. */
  onStatus?: (report: NodeHostStatusReport) => void;
  /** Media up to this many bytes rides inline in the result; bigger is uploaded to the gateway (default 256 KiB). */
  mediaInlineMaxBytes?: number;
  /** Every configured plugin's status, published as a `node.plugins` event after each connect. */
  pluginStatuses?: () => NodePluginStatus[];
  /**
   * Subscribes to changes of what the plugins announce (returns the unsubscribe); each one is
   * published as a `node.surface` event on the open connection, without reconnecting.
   */
  surfaceChanges?: (listener: () => void) => () => void;
}

/** Changes arriving together (a config save touching several plugins) make one event. */
const SURFACE_DEBOUNCE_MS = 100;

const PLATFORMS: Record<string, [string, string]> = { linux: ['linux', 'Linux'], darwin: ['macos', 'Mac'], win32: ['windows', 'Windows'] };

/**
 * A node host: connects to one of its gateways, proves its device identity, serves commands
 * through its plugins, and when the connection fails or drops moves on to the next address
 * (after 0-0.5 s); after a whole round of failures it backs off (0.5 s to 30 s, full jitter).
 * It reconnects forever, keeping the same node id across gateways and their restarts.
 *
 * @example
 * const host = new NodeHost({ stateDir, host: '127.0.0.1', port: 18789, token, runner, version });
 * await host.run(); // resolves on stop(), rejects on a fatal auth or TLS certificate error
 */
export class NodeHost {
  status: NodeHostStatus = 'connecting';
  private stopped = false;
  private current: GatewayConnection | undefined;
  private wake: (() => void) | undefined;
  private readonly rotation: GatewayRotation;
  /** The last pairing request seen per address, so each is announced once. */
  private readonly requestIds = new Map<string, string>();
  private readonly store;
  private identity: DeviceIdentity | undefined;
  private lastRequestId: string | undefined;
  private lastCode: string | undefined;
  /** The gateway id the gateway of the latest attempt proved, if any (its rejected token is dropped by that id). */
  private provenId: string | undefined;
  /** Bumped on each surface publish, so an older publish still retrying gives way to the newer one. */
  private surfaceGeneration = 0;
  /** Bumped on each change a plugin signals, so a change during `connect` is not lost. */
  private surfaceChanges = 0;
  private surfaceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: NodeHostOptions) {
    const one = { host: options.host ?? '127.0.0.1', port: options.port ?? 18_789, tls: options.tls === true || options.tlsFingerprint !== undefined };
    const gateways = options.gateways ?? [{ ...one, ...(options.tlsFingerprint ? { tlsFingerprint: options.tlsFingerprint } : {}) }];
    this.rotation = new GatewayRotation(gateways, options.backoff ?? new Backoff());
    this.store = nodeStateStore(options.stateDir);
  }

  /** The routed node id (the device id), known once the identity is loaded. */
  get nodeId(): string | undefined {
    return this.identity?.deviceId;
  }

  /** The URL of the address connected to (or tried next). */
  get url(): string {
    return gatewayUrl(this.rotation.current);
  }

  /** Every address, in order. */
  get urls(): string[] {
    return this.rotation.addresses.map(gatewayUrl);
  }

  async run(): Promise<void> {
    this.identity = await loadOrCreateDeviceIdentity(this.options.stateDir);
    await this.store.update((s) => ({ ...s, displayName: this.options.displayName ?? s.displayName }));
    const unsubscribe = this.options.surfaceChanges?.(() => this.surfaceChanged());
    try {
      await this.loop();
    } finally {
      unsubscribe?.();
      clearTimeout(this.surfaceTimer);
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let delay: number;
      try {
        const conn = await this.connect();
        this.rotation.connected();
        const info = await conn.peer.closed;
        if (this.stopped) break;
        if (info.code === SERVICE_RESTART) this.rotation.restarting();
        delay = this.moveOn(`connection to ${this.url} closed (${info.code}${info.reason ? `: ${info.reason}` : ''})`);
      } catch (err) {
        if (this.stopped) break;
        delay = await this.onConnectError(OpenClawError.from(err, 'CONNECT_FAILED'));
      }
      this.setStatus(this.status === 'waiting-approval' ? 'waiting-approval' : 'connecting');
      await this.sleep(delay);
    }
    this.setStatus('stopped');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.current?.peer.close(1000, 'node host stopping');
    await this.current?.peer.closed;
  }

  private async connect(): Promise<GatewayConnection> {
    const state = await this.store.read();
    const identity = this.identity!;
    const address = this.rotation.current;
    const url = gatewayUrl(address);
    // The gateway signs this nonce to prove its identity before any device token is sent.
    const gatewayNonce = newGatewayNonce();
    let gatewayId: string | undefined;
    this.provenId = undefined;
    const os = this.options.hostEnv?.platform ?? osPlatform();
    const [platform, deviceFamily] = PLATFORMS[os] ?? [os, undefined];
    const client = {
      id: 'node-host' as const,
      mode: 'node' as const,
      version: this.options.version,
      platform,
      deviceFamily,
      displayName: state.displayName,
      instanceId: state.nodeId,
    };
    const changesBefore = this.surfaceChanges;
    const conn = await connectGateway({
      url,
      role: 'node',
      scopes: [],
      client,
      caps: this.options.runner.caps(),
      commands: this.options.runner.commands(),
      permissions: await this.options.runner.permissions(),
      pathEnv: (this.options.hostEnv?.env ?? process.env).PATH,
      headers: { [GATEWAY_NONCE_HEADER]: gatewayNonce },
      authFor: (challenge) => {
        gatewayId = verifyGatewayProof(challenge.gatewayProof, gatewayNonce, challenge.nonce);
        this.provenId = gatewayId;
        return this.credentials(state, address, gatewayId);
      },
      tlsFingerprint: address.tlsFingerprint,
      // A gateway on this machine sharing our state dir counts us as local by its proof.
      localProofDir: this.options.stateDir,
      // Reconnect when the gateway is silent for 2 x tick, pending requests or not.
      tickWatchdog: 'strict',
      // Frames the gateway sent that could not be read, failing handlers, late answers.
      peer: { log: { warn: (message, fields) => this.log('warn', message, fields), debug: (message, fields) => this.log('debug', message, fields) } },
      signDevice: (challenge, token) =>
        signConnectDevice(identity, { clientId: client.id, clientMode: client.mode, role: 'node', scopes: [], token, nonce: challenge.nonce, signedAt: challenge.ts, platform, deviceFamily }),
    });
    this.current = conn;
    // A change that landed while connecting may have missed the claims sent in `connect`.
    if (this.surfaceChanges !== changesBefore) this.surfaceChanged();
    this.lastRequestId = undefined;
    this.requestIds.delete(url);
    const deviceToken = conn.hello.auth?.deviceToken;
    const media = outOfBandDelivery({
      peer: conn.peer,
      gateway: { url, tlsFingerprint: address.tlsFingerprint, localProofDir: this.options.stateDir },
      deviceToken: deviceToken ?? conn.auth?.deviceToken,
      inlineMaxBytes: this.options.mediaInlineMaxBytes ?? DEFAULT_INLINE_MAX_BYTES,
    });
    this.setStatus('connected');
    const handler = new InvokeHandler(conn.peer, this.options.runner, media, (level, message, fields) => this.log(level, message, fields));
    handler.attach();
    const stats = setInterval(() => void this.publishStats(conn), STATS_INTERVAL_MS);
    void conn.peer.closed.then(() => {
      clearInterval(stats);
      handler.abortAll();
    });
    void this.publishStats(conn);
    void this.publishPlugins(conn);
    await this.store.update((s) => recordConnect(s, this.rotation.addresses, address, deviceToken, gatewayId));
    this.log('info', `connected to ${url} as node ${identity.deviceId}`);
    return conn;
  }

  /**
   * Env token first; otherwise the device token of the identity this gateway just proved
   * (`gatewayId`: any member of its cluster), or for a gateway that proved nothing the one this
   * address issued us (PROTOCOL.md 4.3). One listed gateway must never be able to present our
   * token (and our signature over it) to another that issued it.
   */
  private credentials(state: NodeState, address: GatewayAddress, gatewayId: string | undefined): GatewayAuth | undefined {
    if (this.options.token) return { token: this.options.token };
    const token = tokenFor(state, address, gatewayId);
    return token ? { deviceToken: token } : undefined;
  }

  /**
   * Leaves the current address for the next one and logs where to and why (`level`: a retry
   * while waiting for approval is routine). @returns the wait in ms, at most `capMs`.
   */
  private moveOn(why: string, capMs = Infinity, level: 'warn' | 'debug' = 'warn'): number {
    const from = this.url;
    const step = this.rotation.advance();
    const delayMs = Math.min(step.delayMs, capMs);
    const to = gatewayUrl(step.address);
    const next = to === from ? `retrying ${to}` : `moving to ${to}`;
    this.log(level, `${why}; ${next} in ${delayMs} ms${step.roundFailed ? ' (no address accepted the node since it last connected; backing off)' : ''}`, { from, to, delayMs });
    return delayMs;
  }

  private async onConnectError(err: OpenClawError): Promise<number> {
    const url = this.url;
    if (FATAL.has(err.code)) {
      if (!this.rotation.drop()) {
        this.stopped = true;
        throw err;
      }
      this.log('error', `${url} refused the node (${err.code}: ${err.message}); not trying it again until the node host restarts`, { code: err.code, url });
      return this.moveOn(`${url} is out of the rotation`);
    }
    if (err.code === 'AUTH_DEVICE_TOKEN_MISMATCH') {
      // The gateway forgot or revoked our token: drop it so the next attempt can re-pair.
      await this.store.update((s) => forgetToken(s, this.rotation.current, this.provenId));
      this.log('warn', `${url} rejected the stored device token; it was cleared`);
      return 250;
    }
    if (err.code === 'PAIRING_REQUIRED') {
      const requestId = String(err.details?.requestId ?? '');
      const fresh = requestId !== this.requestIds.get(url);
      this.requestIds.set(url, requestId);
      this.lastRequestId = requestId;
      // Derived here from the gateway's key and ours, never taken from the gateway: the
      // operator compares it with the gateway's to see that nobody sits in between.
      const gatewayKey = err.details?.gatewayPublicKey;
      const code = typeof gatewayKey === 'string' ? pairingCode(gatewayKey, this.identity!.publicKey) : null;
      this.lastCode = code ?? undefined;
      this.setStatus('waiting-approval', fresh);
      if (fresh) {
        const check = code ? ` (verification code ${code}: check that \`openclaw nodes pending\` shows the same, then \`openclaw nodes approve ${requestId} --code ${code}\`)` : '';
        this.log('warn', `waiting for approval on the gateway: run \`openclaw nodes approve ${requestId}\` on ${url}${check}`);
      }
      // Come back soon after an operator approves (here or on another address), without hammering.
      return this.moveOn(`${url} waits for approval`, 5_000, 'debug');
    }
    return this.moveOn(err.message);
  }

  private surfaceChanged(): void {
    this.surfaceChanges++;
    clearTimeout(this.surfaceTimer);
    this.surfaceTimer = setTimeout(() => void this.publishSurface(), SURFACE_DEBOUNCE_MS);
  }

  /**
   * Announces the current caps, commands and permissions on the open connection (a closed one
   * needs nothing: the next `connect` carries them). Retried like `node.plugins` until accepted.
   */
  private async publishSurface(): Promise<void> {
    const conn = this.current;
    if (conn === undefined || this.status !== 'connected') return;
    const generation = ++this.surfaceGeneration;
    const { runner } = this.options;
    const permissions = await runner.permissions();
    const surface = { caps: runner.caps(), commands: runner.commands(), ...(Object.keys(permissions).length === 0 ? {} : { permissions }) };
    this.log('info', `announcing commands: ${surface.commands.join(', ') || '(none)'}`);
    await publishUntilAccepted(conn, 'node.surface', JSON.stringify(surface), () => this.current === conn && generation === this.surfaceGeneration);
  }

  private async publishStats(conn: GatewayConnection): Promise<void> {
    const stats = await hostStats(this.options.stateDir);
    conn.peer.request('node.event', { event: 'node.host.stats', payloadJSON: JSON.stringify(stats) }).catch(() => undefined);
  }

  /**
   * Tells the gateway which plugins run, which are unavailable and which failed (retried until
   * the gateway accepts it).
   */
  private async publishPlugins(conn: GatewayConnection): Promise<void> {
    const statuses = this.options.pluginStatuses?.();
    if (statuses === undefined) return;
    await publishUntilAccepted(conn, 'node.plugins', JSON.stringify({ plugins: statuses.slice(0, MAX_NODE_PLUGINS) }), () => this.current === conn);
  }

  /** `force`: report even when unchanged (a new pairing request while waiting). */
  private setStatus(status: NodeHostStatus, force = false): void {
    const changed = status !== this.status;
    this.status = status;
    if (changed || force) {
      const waiting = status === 'waiting-approval' && this.lastRequestId ? { requestId: this.lastRequestId, ...(this.lastCode ? { verificationCode: this.lastCode } : {}) } : {};
      const pins = Object.fromEntries(this.rotation.addresses.flatMap((a) => (a.tlsFingerprint ? [[gatewayUrl(a), a.tlsFingerprint]] : [])));
      this.options.onStatus?.({ status, url: this.url, gateways: this.urls, ...(Object.keys(pins).length ? { pins } : {}), nodeId: this.identity?.deviceId, ...waiting });
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Deliberately not unref'd: a node host waiting to reconnect must stay alive.
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
    this.options.log?.(level, message, fields);
  }
}
