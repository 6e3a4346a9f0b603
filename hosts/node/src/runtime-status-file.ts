import { join } from 'node:path';
import type { NodePluginStatus } from '@openclaw-nodes/core/protocol';
import { readRuntimeFile, runtimeFileWriter, type RuntimeRecord } from '@openclaw-nodes/core/store';
import type { NodeHostStatus, NodeHostStatusReport } from './node-host.js';

/** The file a running node host keeps in its state dir for `openclaw status`. */
export const RUNTIME_STATUS_FILE = 'node-host.status.json';

/** What a running node host says about itself. */
export interface NodeRuntimeStatus extends RuntimeRecord {
  status: NodeHostStatus;
  /** The gateway URL it is connected to (or trying next). */
  url: string;
  /** Every gateway URL it fails over between, in order (absent in files of older versions). */
  gateways?: string[];
  /** The pinned fingerprint of each gateway URL that has one (`--tls-fingerprint`). */
  pins?: Record<string, string>;
  nodeId?: string;
  /** The pending pairing request while `waiting-approval`. */
  requestId?: string;
  /** Its verification code, which `nodes approve --code` takes. */
  verificationCode?: string;
  plugins: NodePluginStatus[];
}

/**
 * Keeps `<stateDir>/node-host.status.json` current with each status the host reports and
 * the plugins' statuses; `remove()` when the host stops.
 *
 * @example
 * const file = runtimeStatusWriter(stateDir, () => plugins.plugins().map(pluginStatus));
 * new NodeHost({ ..., onStatus: file.report });
 */
export function runtimeStatusWriter(stateDir: string, plugins: () => NodePluginStatus[]): { report: (report: NodeHostStatusReport) => void; remove: () => Promise<void> } {
  const file = runtimeFileWriter<Omit<NodeRuntimeStatus, keyof RuntimeRecord>>(join(stateDir, RUNTIME_STATUS_FILE));
  return { report: (report) => file.report({ ...report, plugins: plugins() }), remove: file.remove };
}

/**
 * The runtime status of the node host of `stateDir`, and whether its process still runs;
 * `undefined` when there is no (readable) status file.
 */
export async function readNodeRuntimeStatus(stateDir: string): Promise<(NodeRuntimeStatus & { running: boolean }) | undefined> {
  const value = await readRuntimeFile<NodeRuntimeStatus>(join(stateDir, RUNTIME_STATUS_FILE));
  if (value === undefined || typeof value.status !== 'string' || typeof value.url !== 'string') return undefined;
  const gateways = Array.isArray(value.gateways) ? value.gateways.filter((g): g is string => typeof g === 'string').slice(0, 16) : [value.url];
  const pins = Object.fromEntries(Object.entries(value.pins && typeof value.pins === 'object' ? value.pins : {}).filter(([url, pin]) => gateways.includes(url) && typeof pin === 'string'));
  return { ...value, status: value.status, url: value.url, gateways, pins, plugins: Array.isArray(value.plugins) ? value.plugins : [] };
}
