import { randomUUID } from 'node:crypto';
import type { ExecAsk, ExecSecurity } from '@openclaw-nodes/core/exec';
import type { SystemRunPayload } from '@openclaw-nodes/gateway';
import { openGateway } from '../gateway/gateway-call.js';
import type { GatewayTarget } from '../gateway/gateway-target.js';
import { printable } from '../format/table.js';

type Asked = { status: 'not-needed' } | { status: 'approved'; id: string } | { status: 'accepted'; id: string; expiresAtMs: number };

export interface ApprovedRun {
  readonly nodeId: string;
  /** The `system.run` params. */
  readonly params: Record<string, unknown> & { command: string[] };
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
  /** How long the gateway waits for the node once the command is sent, ms. */
  readonly invokeTimeoutMs: number;
}

/**
 * Sends a `system.run` the way CLI.md 5.4 describes: `exec.approval.request` first, which
 * asks the operators when the policy (ours, the gateway's or the node's) needs it, then
 * `node.invoke` naming that request as `runId` on the same connection, which waits for the
 * answer. While it waits, stderr says which request to answer and how.
 */
export async function runApproved(target: GatewayTarget, run: ApprovedRun): Promise<{ payload: SystemRunPayload }> {
  const peer = await openGateway(target, ['operator.write']);
  try {
    const { command, rawCommand, cwd, env, agentId } = run.params;
    const asked = await peer.request<Asked>(
      'exec.approval.request',
      { nodeId: run.nodeId, command, rawCommand, cwd, env, agentId, security: run.security, ask: run.ask },
      { timeoutMs: target.timeoutMs },
    );
    let waitMs = 0;
    if (asked.status === 'accepted') {
      waitMs = Math.max(0, asked.expiresAtMs - Date.now());
      const id = printable(asked.id);
      process.stderr.write(`waiting for approval ${id} (openclaw approvals allow ${id} [--always] | openclaw approvals deny ${id}; expires in ${Math.round(waitMs / 1000)}s)\n`);
    }
    const runId = asked.status === 'not-needed' ? undefined : asked.id;
    return await peer.request(
      'node.invoke',
      { nodeId: run.nodeId, command: 'system.run', params: { ...run.params, ...(runId ? { runId } : {}) }, timeoutMs: run.invokeTimeoutMs, idempotencyKey: randomUUID() },
      { timeoutMs: Math.max(target.timeoutMs, run.invokeTimeoutMs + waitMs + 10_000) },
    );
  } finally {
    peer.close(1000);
  }
}
