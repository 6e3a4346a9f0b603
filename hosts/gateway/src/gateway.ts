import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Server } from 'node:http';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import { createAdaptorServer } from '@hono/node-server';
import type { WebSocket } from 'ws';
import { rootContainer } from '@openclaw-nodes/core/di';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { deviceIdentityPath, gatewayIdentityPath, loadOrCreateDeviceIdentity, signGatewayProof } from '@openclaw-nodes/core/identity';
import { CONFIG, INVOKE_ROUTER, LOGGER, MEDIA_STORE, METRICS, NODE_REGISTRY, STATE_DIR, type PluginLog } from '@openclaw-nodes/core/plugin';
import type { PluginsConfig } from '@openclaw-nodes/core/plugins-config';
import { DEFAULT_TICK_INTERVAL_MS, HANDSHAKE_TIMEOUT_MS } from '@openclaw-nodes/core/protocol';
import type { Logger } from '@openclaw-nodes/core/logger';
import { liveGatewayOn, newLocalProofSecret, publishLocalProof, removeStaleTempFilesIn } from '@openclaw-nodes/core/store';
import { closeWithDeadline } from '@openclaw-nodes/core/socket-bounds';
import type { Connection } from './connection.js';
import type { GatewayContext, GatewaySettings } from './gateway-context.js';
import { serveSocket, type SocketCounters } from './gateway-socket.js';
import { ExecTool, type GatewayExecOptions } from './exec/exec-tool.js';
import { logHubEvents } from './gateway-log.js';
import { warmConnectPath } from './handshake/warm-up.js';
import { createHttpApp } from './http/http-app.js';
import { applyHttpLimits, httpLimits, httpServerOptions, type HttpLimits } from './http/http-limits.js';
import type { MediaRoute } from './http/media-route.js';
import { mountToolsInvoke } from './http/tools-invoke-route.js';
import { mountMcp } from './http/mcp-route.js';
import type { McpHttpLimits } from '@openclaw-nodes/mcp';
import { Hub } from './hub.js';
import { gatewayPluginHost, resolveGatewayPlugins } from './plugins/gateway-plugins.js';
import { MemoryReclaimer } from './memory-reclaimer.js';
import { MediaStore } from './media/media-store.js';
import { mediaSettings, type MediaSettings } from './media/media-settings.js';
import { mediaMethods } from './methods/media-methods.js';
import { CountingAuthLimiter, GatewayMetrics } from './metrics/gateway-metrics.js';
import { InvokeRouter } from './invoke/invoke-router.js';
import { devicePairMethods } from './methods/device-pair-methods.js';
import { ApprovalQueue } from './exec/approval-queue.js';
import { execMethods } from './methods/exec-methods.js';
import { gatewayMethods } from './methods/gateway-methods.js';
import type { MethodTable } from './methods/method-spec.js';
import { nodeMethods } from './methods/node-methods.js';
import { nodePairMethods } from './methods/node-pair-methods.js';
import { nodeRoleMethods } from './methods/node-role-methods.js';
import { DeviceAdmission } from './pairing/device-admission.js';
import { CommandPolicy } from './policy/command-policy.js';
import { NodeRegistry } from './registry/node-registry.js';
import { PairingStore } from './state/pairing-store.js';
import { closeRevokedSessions } from './pairing/revoked-sessions.js';
import type { ClusterOptions } from './cluster/cluster-options.js';
import type { ClusterMember } from './cluster/start-cluster.js';

/** Until a structured logger is bound: warnings and errors to stderr, debug dropped. */
const logToStderr: PluginLog = (level, msg) => {
  if (level !== 'debug') process.stderr.write(`[gateway] ${level}: ${msg}\n`);
};

/** WebSocket ping cadence (PROTOCOL.md section 11): a peer silent for a whole period is dropped. */
const PING_INTERVAL_MS = 25_000;
/**
 * Connections the kernel queues until the gateway accepts them. A restarted gateway's whole
 * fleet connects within a second or two while the event loop is busy with the first
 * handshakes; Node's default of 511 overflowed, and each dropped SYN came back only after
 * TCP's 1, 3 and 7 s retransmits. The kernel caps it at `net.core.somaxconn` (4096 by default).
 */
const LISTEN_BACKLOG = 65_535;

export interface GatewayOptions {
  stateDir: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Address to bind: 127.0.0.1 for `loopback`, 0.0.0.0 for `lan`, or a custom host. */
  host: string;
  token?: string;
  /** Serve wss:// and https:// with this certificate and key (PEM). */
  tls?: { cert: Buffer | string; key: Buffer | string };
  authMode?: 'token' | 'none';
  autoApproveLocal?: boolean;
  /** Approving a node that is not on loopback needs its pairing verification code. */
  requirePairingCode?: boolean;
  tickIntervalMs?: number;
  handshakeTimeoutMs?: number;
  allowedOrigins?: readonly string[];
  commands?: { allow?: readonly string[]; deny?: readonly string[] };
  /** The agent `exec` tool: where config comes from and how `host=gateway` runs (docs/exec.md). */
  exec?: GatewayExecOptions;
  /** Media routes (`GET /v1/nodes/:node/<path>`) beyond the built-in canvas snapshot. */
  mediaRoutes?: readonly MediaRoute[];
  /** `plugins` from config: which plugins the gateway runs (their commands, codes, gateway sides). */
  plugins?: PluginsConfig;
  /** The whole validated config, bound to `CONFIG` for plugins; `{}` when absent. */
  config?: unknown;
  /** Where the plugin host reports plugin trouble; warnings and errors to stderr when absent. */
  log?: PluginLog;
  /** Where third-party plugin names resolve from (the config file's directory). */
  pluginBaseDir?: string;
  /** HTTP timeouts and the idle-socket cap; `DEFAULT_HTTP_LIMITS` for what is not set. */
  http?: Partial<HttpLimits>;
  /** Bounds of the MCP endpoint `/mcp`: sessions, idle expiry, concurrent calls, body size (docs/mcp.md). */
  mcp?: Partial<McpHttpLimits>;
  /** Out-of-band media bounds (`gateway.media.*`); `DEFAULT_MEDIA_SETTINGS` for what is not set. */
  media?: Partial<MediaSettings>;
  /** Join a cluster on Redis (docs/cluster.md): pairing lives there instead of the state dir. */
  cluster?: ClusterOptions;
  version: string;
  /**
   * The gateway's logger (pino): nodes connecting, pairing and (at debug) invokes are logged
   * to it, and it is bound to `LOGGER` for plugins. Without one nothing is logged there and
   * plugins get a silent logger.
   */
  logger?: Logger;
}

/**
 * A running gateway: one port for WebSocket and HTTP.
 *
 * @example
 * const gw = await Gateway.start({ stateDir, port: 18789, host: '127.0.0.1', token, version });
 * console.log(gw.url); // ws://127.0.0.1:18789
 * await gw.stop();
 */
export class Gateway {
  private readonly sockets = new Set<Connection>();
  /** Resolves once the server closed; set when `stop()` begins. */
  private closing: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private readonly reclaimer = new MemoryReclaimer();

  private constructor(
    readonly ctx: GatewayContext,
    private readonly server: Server,
    private readonly log: PluginLog,
    private readonly localProofFile: { remove: () => Promise<void> },
    private readonly cluster?: ClusterMember,
  ) {}

  static async start(options: GatewayOptions): Promise<Gateway> {
    const settings: GatewaySettings = {
      token: options.token,
      authMode: options.authMode ?? 'token',
      autoApproveLocal: options.autoApproveLocal ?? true,
      requirePairingCode: options.requirePairingCode ?? false,
      tickIntervalMs: options.tickIntervalMs ?? DEFAULT_TICK_INTERVAL_MS,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS,
      allowedOrigins: options.allowedOrigins ?? [],
      version: options.version,
    };
    // Two gateways on one state dir would replace each other's local proof (and temp files).
    const other = await liveGatewayOn(options.stateDir);
    if (other) {
      throw new OpenClawError('STATE_DIR_IN_USE', `another gateway (pid ${other.pid}, port ${other.port}) already runs on the state dir ${options.stateDir}; stop it, or start this one with its own OPENCLAW_STATE_DIR`, { details: other });
    }
    // Writes killed mid-way (a crash, kill -9) leave temp files beside their targets: pairing
    // file, exec approvals, config, identity. Cleared before anything here writes again.
    await Promise.all([options.stateDir, dirname(PairingStore.pathIn(options.stateDir)), dirname(deviceIdentityPath(options.stateDir))].map(removeStaleTempFilesIn));
    const ownIdentity = await loadOrCreateDeviceIdentity(options.stateDir, gatewayIdentityPath(options.stateDir));
    const hub = new Hub();
    const bootId = randomUUID();
    const log = options.log ?? logToStderr;
    // Resolved before anything listens: a plugin that cannot be found or loaded stops start-up.
    const definitions = await resolveGatewayPlugins(options.plugins, options.pluginBaseDir ?? options.stateDir, options.stateDir, log);
    // Loaded only for a cluster: a gateway on its own never imports the Redis client.
    const cluster = options.cluster
      ? await (await import('./cluster/start-cluster.js')).startCluster(options.cluster, bootId, ownIdentity, (deviceId, _before, after) => closeRevokedSessions(hub, deviceId, after), log)
      : undefined;
    // Members of one cluster share one identity: the same pairing codes and gateway proof on each.
    const identity = cluster?.identity ?? ownIdentity;
    const store = cluster?.store ?? new PairingStore(options.stateDir);
    if (store instanceof PairingStore) await store.load();
    // Each cluster member logs what happens on it; the others' events are theirs to log.
    if (options.logger) hub.listen(logHubEvents(options.logger), { ownOnly: true });
    const metrics = new GatewayMetrics();
    const container = rootContainer.createChildContainer();
    const plugins = gatewayPluginHost(container, options.plugins, log);
    const policy = new CommandPolicy({ allow: options.commands?.allow ?? [], deny: options.commands?.deny ?? [], plugins });
    const registry = new NodeRegistry(store, policy);
    const invoker = new InvokeRouter(metrics.invokeObserver(hub));
    const approvals = new ApprovalQueue(hub);
    const media = new MediaStore(join(options.stateDir, 'media'), mediaSettings(options.media));
    await media.start();
    cluster?.bind(registry, invoker, hub, approvals, media);
    // The gateway's services, for plugins to inject (docs/plugins.md, "Tokens").
    container.register(CONFIG, { useValue: options.config ?? {} });
    container.register(STATE_DIR, { useValue: options.stateDir });
    // pino, as on every host; a gateway started without one (tests) gets a silent logger.
    container.register(LOGGER, { useValue: options.logger ?? (await import('@openclaw-nodes/core/logger')).silentLogger() });
    container.register(NODE_REGISTRY, { useValue: registry });
    container.register(INVOKE_ROUTER, { useValue: invoker });
    container.register(METRICS, { useValue: metrics });
    container.register(MEDIA_STORE, { useValue: media });
    try {
      plugins.load(definitions);
      await plugins.start();
    } catch (err) {
      // A gateway that never started must not stay in the cluster (nor keep its Redis connections).
      await cluster?.stop();
      throw err;
    }
    const ctx: GatewayContext = {
      settings,
      store,
      hub,
      policy,
      plugins,
      registry,
      invoker,
      admission: new DeviceAdmission(store, hub, () => settings.autoApproveLocal, identity.publicKey, log),
      limiter: new CountingAuthLimiter(metrics),
      metrics,
      media,
      approvals,
      publicKey: identity.publicKey,
      proveIdentity: (clientNonce, challengeNonce) => signGatewayProof(identity, clientNonce, challengeNonce),
      bootId,
      startedAtMs: Date.now(),
      ...(cluster ? { cluster } : {}),
      localProof: newLocalProofSecret(),
    };
    const execTool = new ExecTool(ctx, options.exec ?? {}, options.stateDir);
    const methods: MethodTable = { ...gatewayMethods, ...nodeMethods, ...nodePairMethods, ...devicePairMethods, ...nodeRoleMethods, ...mediaMethods, ...execMethods(execTool, options.exec?.local) };
    const methodNames = Object.keys(methods).sort();

    let gateway: Gateway | undefined;
    const onSocket = (socket: WebSocket, info: { remoteIp: string; isLocal: boolean }) => {
      // An upgrade that was under way when the gateway began to stop: told to come back later.
      if (gateway?.closing) return closeWithDeadline(socket, 1012, 'service restart');
      const conn = serveSocket(ctx, methods, methodNames, socket, info, metrics.frames);
      gateway!.sockets.add(conn);
      gateway!.reclaimer.connectionOpened();
      metrics.wsOpened++;
      socket.once('close', () => {
        gateway!.sockets.delete(conn);
        metrics.wsClosed++;
        if (conn.stalled) gateway!.reclaimer.bufferDropped();
        else gateway!.reclaimer.connectionClosed();
      });
    };
    const mediaRoutes = [...definitions.flatMap((plugin) => plugin.gateway?.media ?? []), ...(options.mediaRoutes ?? [])];
    const { app, injectWebSocket } = createHttpApp(ctx, onSocket, { methods, mediaRoutes });
    mountToolsInvoke(app, ctx, execTool);
    mountMcp(app, ctx, methods, options.mcp);

    // Before listening: a restarted gateway's fleet arrives at once (handshake/warm-up.ts).
    warmConnectPath();
    const limits = httpLimits(options.http);
    const server = await new Promise<Server>((resolve, reject) => {
      const serverOptions = { ...httpServerOptions(limits), ...(options.tls ? { cert: options.tls.cert, key: options.tls.key } : {}) };
      const tls = options.tls ? { createServer: createHttpsServer } : {};
      const s = createAdaptorServer({ fetch: app.fetch, hostname: options.host, serverOptions, ...tls }) as Server;
      s.once('error', reject);
      s.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => resolve(s));
    }).catch(async (err: unknown) => {
      // A port in use must not leave plugins running in a gateway that never started.
      await plugins.stop().catch(() => undefined);
      await media.stop();
      await cluster?.stop();
      throw err;
    });
    applyHttpLimits(server, limits);
    injectWebSocket(server);
    metrics.tcp.watch(server);
    // Where clients on this machine read the proof that makes them local (request-info.ts).
    const bound = server.address() as AddressInfo;
    // Without the file no client is local (pairing needs an operator), which is safe: say so and go on.
    const localProofFile = await publishLocalProof(options.stateDir, { host: bound.address, port: bound.port, secret: ctx.localProof }).catch((err: unknown) => {
      log('warn', `cannot write the local proof file, so no client counts as local: ${OpenClawError.from(err).message}`);
      return { remove: async () => undefined };
    });
    gateway = new Gateway(ctx, server, log, localProofFile, cluster);
    gateway.startTimers();
    return gateway;
  }

  /** WebSocket frame counters (also in `/metrics`). */
  get counters(): SocketCounters {
    return this.ctx.metrics.frames;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const scheme = this.server instanceof HttpsServer ? 'wss' : 'ws';
    return `${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    // Listening ends first: the nodes closed below with 1012 come back within a second or two,
    // and a gateway still accepting would serve their handshakes while it winds down.
    this.closing ??= new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const t of this.timers) clearInterval(t);
    this.reclaimer.stop();
    this.timers = [];
    this.ctx.hub.broadcast('shutdown', { reason: 'gateway stopping' });
    this.ctx.approvals.close();
    this.ctx.invoker.abortAll('gateway stopping');
    for (const conn of this.sockets) conn.close(1012, 'service restart');
    await this.localProofFile.remove().catch(() => undefined);
    await this.ctx.store.flush();
    await this.cluster?.stop();
    // Every plugin's stop is attempted; a failing one is reported, the gateway still closes.
    await this.ctx.plugins.stop().catch((err: unknown) => this.log('error', OpenClawError.from(err).message, { code: 'PLUGIN_STOP_FAILED' }));
    await this.ctx.media.stop();
    // Give closing sockets a moment, then cut what is left so stop() never hangs.
    setTimeout(() => {
      for (const conn of this.sockets) conn.socket.terminate();
      (this.server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    }, 500).unref();
    await this.closing;
  }

  private startTimers(): void {
    const { hub } = this.ctx;
    this.timers.push(setInterval(() => hub.broadcast('tick', { ts: Date.now() }), this.ctx.settings.tickIntervalMs));
    this.timers.push(
      setInterval(() => {
        for (const conn of this.sockets) {
          if (!conn.alive) {
            conn.socket.terminate();
            continue;
          }
          conn.alive = false;
          if (conn.socket.readyState === 1) conn.socket.ping();
        }
      }, PING_INTERVAL_MS),
    );
  }
}
