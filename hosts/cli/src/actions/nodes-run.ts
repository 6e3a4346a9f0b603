import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MAX_TIMER_MS } from '@openclaw-nodes/core/timer-delay';
import { defaultAgentId, execSection, isExecAsk, isExecSecurity, maxAsk, minSecurity, shellCommandArgv } from '@openclaw-nodes/core/exec';
import type { SystemRunPayload } from '@openclaw-nodes/gateway';
import { parseTimeout, resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { printJson } from '../format/table.js';
import { loadCliConfig } from '../load-cli-config.js';
import { findNode } from './nodes-status.js';
import { runApproved } from './nodes-run-approval.js';

export interface RunFlags extends GatewayFlags {
  node?: string;
  cwd?: string;
  env?: string[];
  raw?: string;
  agent?: string;
  ask?: string;
  security?: string;
  commandTimeout?: string;
  needsScreenRecording?: boolean;
  invokeTimeout?: string;
}

/** `--env KEY=VAL` entries; ones without `=` or with an empty key are ignored (CLI.md 5.4). */
function parseEnv(entries: readonly string[] = []): Record<string, string> | undefined {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return Object.keys(env).length > 0 ? env : undefined;
}

const milliseconds = (raw: string | undefined, flag: string): number | undefined => (raw === undefined ? undefined : parseTimeout(raw, 0, flag));

/**
 * `openclaw nodes run`: `system.run` on a node through the gateway (CLI.md 5.4). Where the
 * configured or the node's own policy needs a prompt, an operator is asked first and the
 * command waits (saying so on stderr); the node enforces its own exec approvals; the remote stdout and stderr are copied to ours, and a
 * failing command makes this one fail — with the remote exit code when there is one.
 */
export async function nodesRun(command: readonly string[], flags: RunFlags): Promise<void> {
  if (flags.raw !== undefined && command.length > 0) throw new OpenClawError('CLI_USAGE', 'use --raw or argv, not both');
  if ((flags.raw === undefined || flags.raw.trim() === '') && command.length === 0) throw new OpenClawError('CLI_USAGE', 'command required');
  if (flags.ask !== undefined && !isExecAsk(flags.ask)) throw new OpenClawError('CLI_USAGE', 'invalid --ask (use off|on-miss|always)');
  if (flags.security !== undefined && !isExecSecurity(flags.security)) throw new OpenClawError('CLI_USAGE', 'invalid --security (use deny|allowlist|full)');
  const commandTimeoutMs = milliseconds(flags.commandTimeout, '--command-timeout');
  // The gateway must wait for the node longer than the node lets the command run; without
  // a command timeout there is nothing to outlast, and the given invoke timeout stands.
  const invokeTimeoutMs = Math.min(
    MAX_TIMER_MS,
    Math.max(milliseconds(flags.invokeTimeout, '--invoke-timeout') ?? 30_000, commandTimeoutMs === undefined ? 0 : commandTimeoutMs + 5_000),
  );
  const { config } = await loadCliConfig();
  const agentId = flags.agent ?? defaultAgentId(config);
  const section = execSection(config, agentId);
  const query = flags.node ?? section.node;
  if (!query) throw new OpenClawError('CLI_USAGE', 'node required (set --node or tools.exec.node)');
  // Flags can only tighten the configured policy; the node applies its own on top.
  const configured = isExecSecurity(section.security) ? section.security : 'allowlist';
  const security = flags.security === undefined ? configured : minSecurity(configured, flags.security);
  if (security === 'deny') throw new OpenClawError('EXEC_DENIED', 'exec denied: host=node security=deny');
  const node = await findNode(flags, query);
  const params = {
    command: flags.raw === undefined ? [...command] : shellCommandArgv(node.platform, flags.raw),
    ...(flags.raw === undefined ? {} : { rawCommand: flags.raw }),
    ...(flags.cwd === undefined ? {} : { cwd: flags.cwd }),
    ...(parseEnv(flags.env) ? { env: parseEnv(flags.env) } : {}),
    ...(commandTimeoutMs === undefined ? {} : { timeoutMs: commandTimeoutMs }),
    ...(flags.needsScreenRecording ? { needsScreenRecording: true } : {}),
    ...(flags.security === undefined ? {} : { security }),
    ...(flags.ask === undefined ? {} : { ask: flags.ask }),
    agentId,
  };
  const target = await resolveTarget(flags, 35_000);
  const configuredAsk = isExecAsk(section.ask) ? section.ask : 'on-miss';
  const ask = flags.ask === undefined ? configuredAsk : maxAsk(configuredAsk, flags.ask);
  const result = await runApproved(target, { nodeId: node.nodeId, params, security, ask, invokeTimeoutMs });
  const payload = result.payload ?? {};
  if (flags.json) printJson(result);
  else {
    if (payload.stdout) process.stdout.write(payload.stdout);
    if (payload.stderr) process.stderr.write(payload.stderr);
  }
  if (payload.error) throw new OpenClawError('UNAVAILABLE', payload.error);
  if (payload.timedOut) throw new OpenClawError('TIMEOUT', 'run timed out');
  if (payload.exitCode !== 0) {
    // Not an error of ours: report it as such, and hand the remote exit code on.
    process.stderr.write(`nodes run failed: run exit ${payload.exitCode ?? 'unknown'}\n`);
    process.exitCode = typeof payload.exitCode === 'number' && payload.exitCode > 0 && payload.exitCode < 256 ? payload.exitCode : 1;
  }
}
