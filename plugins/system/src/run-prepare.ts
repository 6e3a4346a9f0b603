import { createHash } from 'node:crypto';
import { evaluateCommand, findShellWrapper, formatArgv, resolveExecutable, sanitizeEnv } from '@openclaw-nodes/core/exec';
import { allowAlwaysPatterns } from './allowlist-updates.js';
import { checkCommandRequest } from './command-request.js';
import type { ExecHost } from './exec-host.js';
import type { PrepareParams, PrepareResult } from './run-schemas.js';

/**
 * `system.run.prepare` (PROTOCOL.md 10.2): the canonical plan of a command before anyone
 * approves it — the argv with its executable resolved, the working directory, the policy
 * this node would apply, and which allowlist patterns "allow always" would add. Nothing runs.
 * `planHash` (hex SHA-256) covers what would run — the resolved argv, the cwd, the caller's
 * environment changes this node keeps and the real path of every program — so an approval
 * given for this plan is refused by `system.run` once any of them differs.
 *
 * @example
 * await prepareRun(execHost, { command: ['uname', '-a'] });
 * // { plan: { argv: ['/usr/bin/uname', '-a'], commandText: '/usr/bin/uname -a', … }, execPolicy: {…}, allowAlwaysCoverage: {…} }
 */
export async function prepareRun(host: ExecHost, params: PrepareParams): Promise<PrepareResult> {
  const request = checkCommandRequest(params.command, params.rawCommand);
  const env = sanitizeEnv(host.env, params.env);
  const cwd = params.cwd ?? host.cwd;
  const { policy, safeBins } = await host.policy(params);
  const options = { cwd, pathEnv: env.PATH, home: host.home, allowlist: policy.allowlist, safeBins, trusted: host.trusted };
  // A shell wrapper stays as it is: its script is what gets approved.
  const resolved = findShellWrapper(request.argv) ? undefined : resolveExecutable(request.argv[0], options).path;
  const argv = resolved === undefined ? [...request.argv] : [resolved, ...request.argv.slice(1)];
  const commandText = formatArgv(argv);
  const evaluation = evaluateCommand(request.argv, options);
  const patterns = allowAlwaysPatterns(evaluation);
  // Only the changes the sanitiser keeps: a dropped variable cannot change what runs.
  const envChanges = Object.entries(params.env ?? {})
    .filter(([key, value]) => env[key] === value)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const programs = evaluation.segments.map((s) => s.resolved.realPath ?? s.resolved.path ?? null);
  const planHash = createHash('sha256').update(JSON.stringify({ argv, cwd, envChanges, programs })).digest('hex');
  return {
    planHash,
    plan: {
      argv,
      cwd,
      commandText,
      commandPreview: request.commandText !== commandText ? request.commandText : null,
      agentId: params.agentId ?? null,
      sessionKey: params.sessionKey ?? null,
      policySnapshot: {
        security: policy.security,
        ask: policy.ask,
        askFallback: policy.askFallback,
        autoAllowSkills: policy.autoAllowSkills,
        allowlistRules: policy.allowlist.map((entry) => ({ pattern: entry.pattern })),
      },
    },
    execPolicy: { security: policy.security, ask: policy.ask },
    // The gateway asks an operator on a miss when this node's policy says so: judged here,
    // with this node's safe bins, as system.run will judge it.
    allowlistSatisfied: evaluation.satisfied,
    allowAlwaysCoverage: {
      complete: patterns.length > 0,
      patterns: [...new Set(patterns)].map((pattern) => ({ pattern })),
    },
  };
}
