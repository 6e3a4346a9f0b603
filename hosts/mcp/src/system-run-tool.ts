import { z } from 'zod';

/**
 * The `system_run` tool's arguments: what the gateway's `exec` tool takes for `host=node`,
 * with the node named. The command is a shell string, as an agent writes it; the gateway
 * turns it into the node's argv and runs it under exec routing and approvals.
 */
export const systemRunArgs = z.strictObject({
  node: z.string().trim().min(1).max(256).describe('Node id, id prefix (6+ characters), display name or IP (see nodes_list)'),
  command: z.string().trim().min(1).max(100_000).describe('Shell command line, run with /bin/sh -c on the node (cmd.exe on Windows)'),
  workdir: z.string().trim().min(1).max(4_096).optional().describe('Working directory on the node'),
  env: z.record(z.string().max(256), z.string().max(32_768)).optional().describe('Extra environment variables (PATH and loader variables are refused)'),
  timeout: z.number().positive().max(86_400).optional().describe('Kill the command after this many seconds (default 1800)'),
});

export type SystemRunArgs = z.output<typeof systemRunArgs>;

export const SYSTEM_RUN_DESCRIPTION =
  "Runs a shell command on a node through the gateway's exec tool: tools.exec routing (host must be node), the gateway's and the node's exec approvals, and, when they ask, an operator's decision (the call waits and reports the approval id). Answers exit code, stdout and stderr.";

/** The exec tool call `tools.invoke` gets for a `system_run` call; `sessionKey` ties its approval request to this call. */
export function execInvokeParams(args: SystemRunArgs, sessionKey: string): Record<string, unknown> {
  const { node, command, workdir, env, timeout } = args;
  return {
    tool: 'exec',
    sessionKey,
    args: { command, node, host: 'node', ...(workdir ? { workdir } : {}), ...(env ? { env } : {}), ...(timeout ? { timeout } : {}) },
  };
}
