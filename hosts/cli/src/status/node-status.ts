import { existsSync } from 'node:fs';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { NodePluginStatus } from '@openclaw-nodes/core/protocol';
import { DEFAULT_GATEWAY_PORT } from '@openclaw-nodes/core/protocol';
import { gatewayUrl, nodeStateStore, readNodeRuntimeStatus, savedGateways, type GatewayAddress, type NodeRuntimeStatus } from '@openclaw-nodes/node-host';
import type { ServiceRunFlags } from './service-flags.js';

export interface NodeHostStatusView {
  /** This machine has been a node (a `node.json` exists). */
  configured: boolean;
  /** The gateway `node.json` last connected to. */
  gateway?: GatewayAddress;
  /** Every gateway `node.json` lists, in failover order, and whether this node holds its device token. */
  gateways: Array<GatewayAddress & { paired: boolean }>;
  displayName?: string;
  /** `paired` once a gateway issued a device token, else `not paired`. */
  pairing: 'paired' | 'not paired' | 'waiting-approval';
  /** Whether a node host process of this state dir runs, and its connection state. */
  process: { running: boolean; pid?: number; status?: NodeRuntimeStatus['status']; url?: string; gateways?: string[]; pins?: Record<string, string>; nodeId?: string; since?: number };
  /** The command to run on the gateway machine while the node waits for approval. */
  approveCommand?: string;
  /** The running host's plugin statuses; absent when no host runs. */
  plugins?: NodePluginStatus[];
  /** Why `node.json` could not be used. */
  problem?: string;
  /** Where the installed node service connects, while `node.json` does not exist yet. */
  serviceGateway?: { url: string; pin?: string };
}

/** The gateway an installed node service connects to, from its command's flags (`serviceRunFlags`). */
export function serviceGateway(flags: ServiceRunFlags): { url: string; pin?: string } {
  const address = { host: flags.host ?? '127.0.0.1', port: flags.port ?? DEFAULT_GATEWAY_PORT, tls: flags.tls === true, ...(flags.tlsFingerprint ? { tlsFingerprint: flags.tlsFingerprint } : {}) };
  return { url: gatewayUrl(address), ...(flags.tlsFingerprint ? { pin: flags.tlsFingerprint } : {}) };
}

/**
 * The command that approves the request on the gateway machine: with `--code` whenever the
 * node derived one, so it works under `gateway.nodes.pairing.requireCode` too (and has the
 * operator confirm the code either way). A code that is not one is left out, not passed on.
 */
function approveCommand(requestId: string, code: unknown): string {
  const checked = typeof code === 'string' && /^\d{4}-\d{4}$/.test(code) ? ` --code ${code}` : '';
  return `openclaw nodes approve ${requestId}${checked}`;
}

/**
 * The node host side of this machine: `node.json` (gateway, name, device token) and the
 * runtime status file a running `openclaw node run` keeps. Reads files only.
 */
export async function nodeHostStatus(stateDir: string): Promise<NodeHostStatusView> {
  const store = nodeStateStore(stateDir);
  let problem: string | undefined;
  const saved = existsSync(store.path)
    ? await store.read().catch((err: unknown) => {
        problem = OpenClawError.from(err).message;
        return undefined;
      })
    : undefined;
  const runtime = await readNodeRuntimeStatus(stateDir);
  const live = runtime?.running === true ? runtime : undefined;
  const waiting = live?.status === 'waiting-approval';
  return {
    configured: saved !== undefined || problem !== undefined,
    ...(saved?.gateway ? { gateway: saved.gateway } : {}),
    gateways: savedGateways(saved).map(({ token, ...g }) => ({ ...g, paired: token !== undefined })),
    ...(saved?.displayName ? { displayName: saved.displayName } : {}),
    pairing: waiting ? 'waiting-approval' : savedGateways(saved).some((g) => g.token) ? 'paired' : 'not paired',
    process: live ? { running: true, pid: live.pid, status: live.status, url: live.url, gateways: live.gateways, pins: live.pins, nodeId: live.nodeId, since: live.updatedAt } : { running: false },
    ...(waiting && live.requestId ? { approveCommand: approveCommand(live.requestId, live.verificationCode) } : {}),
    ...(live ? { plugins: live.plugins } : {}),
    ...(problem ? { problem } : {}),
  };
}

