import { statSync } from 'node:fs';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { evaluateCommand, findShellWrapper, isTrusted, resolveExecutable, sanitizeEnv, withoutStartupFiles, type ResolveOptions } from '@openclaw-nodes/core/exec';
import type { InvokeContext } from '@openclaw-nodes/core/plugin';
import { persistAllowAlways, UsageRecorder } from './allowlist-updates.js';
import { checkCommandRequest } from './command-request.js';
import { decideRun } from './decide-run.js';
import { emitDenied, emitFinished } from './exec-events.js';
import type { ExecHost } from './exec-host.js';
import { runProcess } from './process-runner.js';
import { prepareRun } from './run-prepare.js';
import type { RunParams, RunResult } from './run-schemas.js';

/**
 * `system.run` on a node host (COMMANDS.md 2.1): validates the command, enforces this
 * node's exec approvals, reports `exec.denied` or `exec.finished` to the gateway before the
 * result, and runs the command in its own process group with a sanitised environment.
 *
 * @example
 * const runner = new SystemRun(execHost);
 * await runner.run({ command: ['/bin/sh', '-lc', 'uname -a'] }, ctx); // { exitCode: 0, stdout: 'Linux …', … }
 */
export class SystemRun {
  readonly usage: UsageRecorder;

  constructor(private readonly host: ExecHost) {
    this.usage = new UsageRecorder(host.store);
  }

  async run(params: RunParams, ctx: InvokeContext): Promise<RunResult> {
    const { argv, commandText } = checkCommandRequest(params.command, params.rawCommand);
    const env = sanitizeEnv(this.host.env, params.env);
    const cwd = params.cwd ?? this.host.cwd;
    // An approval is for the plan it was shown as: a program swapped, a cwd or an environment
    // change since then makes this a different command, which nobody approved.
    if (params.planHash !== undefined && (await prepareRun(this.host, params)).planHash !== params.planHash) {
      emitDenied(ctx, params, commandText, 'execution-plan-miss');
      throw new OpenClawError('SYSTEM_RUN_DENIED', 'SYSTEM_RUN_DENIED: execution plan mismatch', { details: { reason: 'execution-plan-miss' } });
    }
    const { policy, safeBins, agentId } = await this.host.policy(params);
    const decision = decideRun({
      policy,
      approved: params.approved,
      approvalDecision: params.approvalDecision,
      needsScreenRecording: params.needsScreenRecording,
      evaluate: () => evaluateCommand(argv, { cwd, pathEnv: env.PATH, home: this.host.home, allowlist: policy.allowlist, safeBins, trusted: this.host.trusted }),
    });
    if (!decision.run) {
      emitDenied(ctx, params, commandText, decision.reason);
      throw new OpenClawError(decision.code, decision.message, { details: { reason: decision.reason } });
    }
    if (decision.evaluation) {
      if (decision.allowAlways) await persistAllowAlways(this.host.store, agentId, decision.evaluation);
      this.usage.record(decision.evaluation.segments, commandText);
    }
    const resolve = { cwd, pathEnv: env.PATH, home: this.host.home };
    const spawnArgv = this.startupFree(argv, resolve);
    // A command that cannot start keeps the spawn error ("ENOENT") a launcher would hide.
    const startable = resolveExecutable(spawnArgv[0], resolve).path !== undefined && isDirectory(cwd);
    const outcome = await runProcess({
      argv: spawnArgv,
      cwd,
      env,
      timeoutMs: params.timeoutMs,
      signal: ctx.signal,
      ...(startable ? { launcher: this.host.launcher } : {}),
      tracker: this.host.running,
    });
    const result: RunResult = {
      ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
      timedOut: outcome.timedOut,
      success: outcome.exitCode === 0 && !outcome.timedOut && outcome.error === null,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      error: outcome.error,
    };
    emitFinished(ctx, params, commandText, result);
    return result;
  }

  /**
   * A system shell's wrapper runs without start-up files, so the programs of its script are
   * the ones just resolved and approved; a look-alike named `sh` gets its arguments untouched.
   */
  private startupFree(argv: readonly string[], options: ResolveOptions): readonly string[] {
    const wrapper = findShellWrapper(argv);
    if (wrapper === undefined || !isTrusted(resolveExecutable(argv[wrapper.shellIndex], options), this.host.trusted)) return argv;
    return withoutStartupFiles(argv);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
