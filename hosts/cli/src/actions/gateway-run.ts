import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { addHostOnlyEnvKeys } from '@openclaw-nodes/core/exec';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { editConfigFile, type GatewayConfig } from '@openclaw-nodes/config';
import { openDirWarning } from '@openclaw-nodes/core/store';
import { ConfigReader, Gateway, type ClusterOptions, type LocalCommandRunner } from '@openclaw-nodes/gateway';
import { loadGatewayCertificate } from '@openclaw-nodes/gateway/tls';
import type { LocalRunnerOptions } from '@openclaw-nodes/node-host';
import { cliPluginSettings, loadCliConfig } from '../load-cli-config.js';
import { gatewayRuntimeWriter } from '../status/gateway-runtime-file.js';
import { installLastResortHandlers } from '../last-resort.js';
import { readVersion } from '../version.js';
import { hideEnvSecrets } from './hide-env-secrets.js';
import { startHostLogger } from './host-logger.js';
import { keepYoungGenerationSmall } from './long-running.js';

export interface GatewayRunFlags {
  port?: string;
  bind?: 'loopback' | 'lan' | 'custom';
  host?: string;
  token?: string;
  allowCommand?: string[];
  /** Serve wss:// and https:// (also `gateway.tls.enabled`). */
  tls?: boolean;
  logLevel?: string;
}

/**
 * `openclaw gateway run`: the gateway in the foreground. With token auth and no token
 * configured, one is generated and saved to the config so local CLI commands find it.
 */
export async function gatewayRun(flags: GatewayRunFlags): Promise<void> {
  keepYoungGenerationSmall();
  const logger = await startHostLogger('gateway', flags.logLevel);
  // One peer's request gone wrong must not take every other peer's gateway down.
  installLastResortHandlers({ label: 'gateway', keepRunning: true, report: (message, err) => logger.error({ err }, message) });
  const loaded = await loadCliConfig((message) => logger.warn(message));
  const { config, stateDir, envReferences } = loaded;
  const pluginSet = await cliPluginSettings(loaded, (message) => logger.warn(message));
  // Commands this host runs may read /proc/<our pid>/environ: no credential is left there,
  // nor reaches their environment (a `${VAR}` of the config holds one as much as OPENCLAW_*).
  addHostOnlyEnvKeys(envReferences);
  hideEnvSecrets(envReferences);
  const g = config.gateway;
  const port = flags.port === undefined ? g.port : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new OpenClawError('CLI_USAGE', `--port must be a port number, got ${flags.port}`);
  const bind = flags.bind ?? g.bind;
  const host = bind === 'loopback' ? '127.0.0.1' : bind === 'lan' ? '0.0.0.0' : flags.host ?? g.customBindHost;
  if (!host) throw new OpenClawError('CLI_USAGE', '--bind custom needs --host <address> or gateway.customBindHost');
  let token = flags.token ?? g.auth.token;
  if (g.auth.mode === 'none' && bind !== 'loopback') {
    throw new OpenClawError('CONFIG_INVALID', 'gateway.auth.mode "none" is only allowed with bind "loopback"; set gateway.auth.token');
  }
  if (g.auth.mode === 'token' && !token) {
    token = randomBytes(24).toString('base64url');
    const { path } = await editConfigFile({}, (raw) => {
      const gateway = ((raw.gateway ??= {}) as Record<string, any>);
      gateway.auth = { ...(gateway.auth ?? {}), token };
    });
    logger.warn(`no gateway token was configured: generated one and saved it as gateway.auth.token in ${path}`);
  }
  const certificate = flags.tls || g.tls.enabled ? await loadGatewayCertificate(stateDir, g.tls) : undefined;
  const tls = certificate && { cert: certificate.cert, key: certificate.key };
  // Exec re-reads the config file on each call (cheap when unchanged): tools.exec.* edits apply at once.
  const configReader = new ConfigReader();
  await configReader.read();
  const local = lazyLocalRunner({ stateDir, config: () => configReader.latest(), logger });
  const cluster = g.cluster && (await clusterOptions(g.cluster));
  const gateway = await Gateway.start({
    stateDir,
    port,
    host,
    token,
    authMode: g.auth.mode,
    tls,
    autoApproveLocal: g.nodes.pairing.autoApproveLocal,
    requirePairingCode: g.nodes.pairing.requireCode,
    allowedOrigins: g.controlUi.allowedOrigins,
    commands: { allow: [...g.nodes.commands.allow, ...(flags.allowCommand ?? [])], deny: g.nodes.commands.deny },
    exec: { config: () => configReader.read(), local: local.runner },
    plugins: pluginSet.plugins,
    config,
    log: (level, message, fields) => logger[level](fields ?? {}, message),
    pluginBaseDir: pluginSet.baseDir,
    http: g.http,
    media: g.media,
    ...(cluster ? { cluster } : {}),
    version: readVersion(),
    logger,
  });
  logger.info({ url: gateway.url, bind, stateDir }, `listening on ${gateway.url} (bind ${bind}, state ${stateDir})`);
  // Signals are taken from the moment the gateway listens: a SIGTERM during the rest of the
  // start-up still stops it cleanly instead of killing it with its files left behind.
  let runtimeFile: ReturnType<typeof gatewayRuntimeWriter> | undefined;
  let stopping = false;
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      stopping = true;
      logger.info(`${signal}: stopping`);
      gateway
        .stop()
        .then(() => runtimeFile?.remove())
        .then(() => local.stop())
        .then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  const openStateDir = await openDirWarning(stateDir);
  if (openStateDir) logger.warn(openStateDir);
  if (certificate) {
    const how = certificate.origin === 'configured' ? `from ${certificate.certPath}` : `self-signed, ${certificate.origin === 'generated' ? 'generated now into' : 'kept in'} ${certificate.certPath}`;
    // Nodes and CLIs pin this; printing it at every start is how a person gets it to them.
    logger.info({ tlsFingerprint: certificate.fingerprint }, `TLS certificate SHA-256 fingerprint: ${certificate.fingerprint} (${how}); pin it with --tls-fingerprint ${certificate.fingerprint}`);
  }
  // Lets `openclaw status` find this gateway even when --port or --bind differ from the config.
  if (!stopping) {
    runtimeFile = gatewayRuntimeWriter(stateDir);
    runtimeFile.report({ url: gateway.url, host, port: gateway.port, bind, tls: tls !== undefined, ...(certificate ? { tlsFingerprint: certificate.fingerprint } : {}) });
  }
  await stopped;
}

/**
 * The system plugin on this machine for `host=gateway` exec and `approvals --gateway`,
 * loaded on first use: an idle gateway that never runs a local command does not pay the
 * node host and plugin modules (about 7 MB resident).
 */
function lazyLocalRunner(options: LocalRunnerOptions): { runner: LocalCommandRunner; stop: () => Promise<void> } {
  let started: Promise<{ runner: LocalCommandRunner; stop: () => Promise<void> }> | undefined;
  const start = () => (started ??= import('@openclaw-nodes/node-host').then(({ startLocalRunner }) => startLocalRunner(options)));
  return {
    runner: { invoke: async (command, params, ctx) => (await start()).runner.invoke(command, params, ctx) },
    stop: async () => {
      if (started) await (await started).stop();
    },
  };
}

/** `gateway.cluster` as the gateway takes it: the CA file read when one is named. */
async function clusterOptions(cluster: NonNullable<GatewayConfig['cluster']>): Promise<ClusterOptions> {
  const { tls, ...redis } = cluster.redis;
  const ca = tls?.caPath ? await readFile(tls.caPath).catch((err: Error) => {
    throw new OpenClawError('CONFIG_INVALID', `gateway.cluster.redis.tls.caPath: cannot read ${tls.caPath} (${err.message})`);
  }) : undefined;
  return { name: cluster.name, redis: { ...redis, ...(tls ? { tls: ca ? { ca } : {} } : {}) } };
}
