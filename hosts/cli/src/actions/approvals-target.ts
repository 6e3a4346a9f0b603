import type { ExecApprovalsFile, ExecApprovalsSnapshot } from '@openclaw-nodes/core/protocol';
import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { loadCliConfig } from '../load-cli-config.js';
import { findNode } from './nodes-status.js';

export interface ApprovalsFlags extends GatewayFlags {
  node?: string;
  gateway?: boolean;
}

/** Where an `approvals` command reads and writes (CLI.md 7). */
export interface ApprovalsTarget {
  /** `local`, `gateway` or `node:<nodeId>`. */
  readonly label: string;
  get(): Promise<ExecApprovalsSnapshot>;
  set(file: ExecApprovalsFile, baseHash: string): Promise<ExecApprovalsSnapshot>;
  close(): Promise<void>;
}

/**
 * `--gateway` (wins) → the gateway host's file through `exec.approvals.get|set`;
 * `--node <id|name|ip>` → that node's file through `exec.approvals.node.get|set`; neither →
 * the file of this machine, handled by the same code a node host runs.
 */
export async function approvalsTarget(flags: ApprovalsFlags): Promise<ApprovalsTarget> {
  if (flags.gateway || flags.node !== undefined) {
    const target = await resolveTarget(flags, 10_000);
    const nodeId = flags.gateway ? undefined : (await findNode(flags, flags.node!)).nodeId;
    const call = <T>(method: string, params: Record<string, unknown>) => callGateway<T>(target, ['operator.admin'], method, params);
    const prefix = nodeId === undefined ? 'exec.approvals' : 'exec.approvals.node';
    const id = nodeId === undefined ? {} : { nodeId };
    return {
      label: nodeId === undefined ? 'gateway' : `node:${nodeId}`,
      get: () => call(`${prefix}.get`, id),
      set: (file, baseHash) => call(`${prefix}.set`, { ...id, file, baseHash }),
      close: async () => undefined,
    };
  }
  const [{ stateDir }, { startLocalRunner }, { inlineMediaContext }] = await Promise.all([loadCliConfig(), import('@openclaw-nodes/node-host'), import('@openclaw-nodes/core/plugin')]);
  const local = await startLocalRunner({ stateDir });
  const invoke = (command: string, params: unknown) =>
    local.runner.invoke(command, params, inlineMediaContext(command)) as Promise<ExecApprovalsSnapshot>;
  return {
    label: 'local',
    get: () => invoke('system.execApprovals.get', {}),
    set: (file, baseHash) => invoke('system.execApprovals.set', { file, baseHash }),
    close: () => local.stop(),
  };
}
