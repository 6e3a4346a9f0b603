import type { LoadedConfig, PluginSettings } from '@openclaw-nodes/config';
import type { NodePluginStatus } from '@openclaw-nodes/core/protocol';
import { openDirWarning } from '@openclaw-nodes/core/store';
import { serviceStatus, type ServiceStatus } from '../services/control-service.js';
import { pickServiceManager } from '../services/pick-service-manager.js';
import type { ServiceKind } from '../services/service-spec.js';
import { configStatus } from './config-status.js';
import { gatewayStatus, type GatewayStatus } from './gateway-status.js';
import { nodeHostStatus, serviceGateway, type NodeHostStatusView } from './node-status.js';
import { serviceRunFlags } from './service-flags.js';

export interface MachineStatus {
  config: { path?: string; source: string; problems: string[] };
  stateDir: string;
  /** Set when group or others can enter the state dir (it is never chmod-ed behind the user's back). */
  stateDirWarning?: string;
  gateway: GatewayStatus;
  node: NodeHostStatusView;
  /** Enabled plugins: the running node host's statuses, else what `openclaw plugins list` finds. */
  plugins: { from: 'running node host' | 'inspection'; list: NodePluginStatus[] };
  services: Record<ServiceKind, Omit<ServiceStatus, 'logs'>>;
}

/**
 * Everything `openclaw status` shows about this machine. Reads files and probes the local
 * gateway port (bounded); loads plugin code only when no node host runs to report its own.
 */
export async function collectStatus(): Promise<MachineStatus> {
  const config = await configStatus();
  const { stateDir } = config.loaded;
  const manager = (() => {
    try {
      return pickServiceManager({ stateDir });
    } catch {
      return undefined;
    }
  })();
  const service = async (kind: ServiceKind) => {
    if (!manager) return { kind, manager: 'none', installed: false, file: '' };
    const { logs: _logs, ...status } = await serviceStatus(kind, stateDir, manager, { logs: false });
    return status;
  };
  const [node, gatewayService, nodeService] = await Promise.all([nodeHostStatus(stateDir), service('gateway'), service('node')]);
  const raw = config.loaded.raw as { gateway?: unknown } | undefined;
  const { config: cfg } = config.loaded;
  const token = process.env.OPENCLAW_GATEWAY_TOKEN ?? cfg.gateway.auth.token;
  const gateway = await gatewayStatus(cfg, { stateDir, configured: raw?.gateway !== undefined || gatewayService.installed, token, installed: serviceRunFlags(gatewayService.command) });
  // A node installed as a service but never run has no node.json yet: say where the service points.
  if (!node.configured && nodeService.installed) node.serviceGateway = serviceGateway(serviceRunFlags(nodeService.command));
  // A project config's plugins.load never runs (see pluginSettings): say so beside the other problems.
  const settings = (await import('@openclaw-nodes/config')).pluginSettings({ ...config.loaded, path: config.path, source: config.source === 'unknown' ? 'defaults' : config.source });
  const stateDirWarning = await openDirWarning(stateDir);
  return {
    config: { path: config.path, source: config.source, problems: settings.warning === undefined ? config.problems : [...config.problems, settings.warning] },
    stateDir,
    ...(stateDirWarning ? { stateDirWarning } : {}),
    gateway,
    node,
    plugins: node.plugins ? { from: 'running node host', list: node.plugins } : { from: 'inspection', list: await inspectPlugins(config.loaded, settings) },
    services: { gateway: gatewayService, node: nodeService },
  };
}

async function inspectPlugins(loaded: Pick<LoadedConfig, 'config' | 'stateDir'>, { plugins, baseDir }: PluginSettings): Promise<NodePluginStatus[]> {
  const { inspectNodePlugins } = await import('@openclaw-nodes/node-host');
  const entries = await inspectNodePlugins({ stateDir: loaded.stateDir, plugins, config: loaded.config, pluginBaseDir: baseDir });
  return entries.filter((e) => e.enabled).map(({ source: _s, enabled: _e, ...status }) => status);
}
