import { randomUUID } from 'node:crypto';
import type { ExecApprovalsFile } from '@openclaw-nodes/core/protocol';
import type { CommandEvaluation, SegmentVerdict } from '@openclaw-nodes/core/exec';
import type { ApprovalsStore } from './approvals-store.js';

interface Use {
  readonly agentKey: string;
  readonly id: string;
  readonly at: number;
  readonly command: string;
  readonly path?: string;
}

/** An entry used again with the same command within this long is not written again. */
export const USAGE_RESOLUTION_MS = 1_000;

/**
 * Writes `lastUsedAt`, `lastUsedCommand` and `lastResolvedPath` of matched entries in the
 * background. Uses that arrive while a write is running are merged into the next one, and a
 * repeat of the same command on the same entry within a second is not worth a write, so a
 * burst of commands costs a write or two, never a queue that grows with the rate.
 */
export class UsageRecorder {
  private pending = new Map<string, Use>();
  private flushing: Promise<void> | undefined;
  private readonly written = new Map<string, { at: number; command: string }>();

  constructor(
    private readonly store: ApprovalsStore,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  record(segments: readonly SegmentVerdict[], command: string): void {
    const at = Date.now();
    for (const { match, resolved } of segments) {
      if (match?.id === undefined) continue;
      const key = `${match.agentKey}\u0000${match.id}`;
      const last = this.written.get(key);
      if (last && last.command === command && at - last.at < USAGE_RESOLUTION_MS) continue;
      this.written.set(key, { at, command });
      if (this.written.size > 10_000) this.written.clear();
      this.pending.set(key, { agentKey: match.agentKey, id: match.id, at, command, path: resolved.realPath ?? resolved.path });
    }
    if (this.pending.size > 0) this.flushing ??= this.flush();
  }

  /** Resolves once everything recorded so far is on disk. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.pending.size > 0) {
      const uses = [...this.pending.values()];
      this.pending.clear();
      await this.store.update((file) => applyUses(file, uses)).catch(this.onError);
    }
    this.flushing = undefined;
  }
}

function applyUses(file: ExecApprovalsFile, uses: readonly Use[]): ExecApprovalsFile {
  for (const use of uses) {
    const entry = file.agents?.[use.agentKey]?.allowlist?.find((e) => e.id === use.id);
    if (!entry) continue; // removed meanwhile: nothing to note
    entry.lastUsedAt = use.at;
    entry.lastUsedCommand = use.command;
    if (use.path !== undefined) entry.lastResolvedPath = use.path;
  }
  return file;
}

/**
 * What "allow always" adds (EXEC.md 7.6): the real path of every program the command runs
 * (nested shell scripts already judged down to their programs), or nothing at all when the
 * command could not be analysed, a program does not resolve, or one is a shell, interpreter
 * or wrapper that runs code it is handed: an entry for `sh` or `timeout` would cover any
 * command put behind it, and leaving it out would allow a command the operator saw only in
 * part.
 */
export function allowAlwaysPatterns(evaluation: CommandEvaluation): readonly string[] {
  const { segments } = evaluation;
  if (!evaluation.analysisOk || segments.length === 0 || segments.some((s) => s.runner !== undefined)) return [];
  const patterns = segments.map((s) => s.resolved.realPath ?? s.resolved.path);
  return patterns.every((p): p is string => p !== undefined) ? [...new Set(patterns)] : [];
}

/**
 * "Allow always" (EXEC.md 7.6): adds `allowAlwaysPatterns` to the agent's allowlist, once per
 * exact pattern, with a fresh id.
 */
export function persistAllowAlways(store: ApprovalsStore, agentId: string, evaluation: CommandEvaluation): Promise<unknown> {
  const patterns = allowAlwaysPatterns(evaluation);
  if (patterns.length === 0) return Promise.resolve();
  return store.update((file) => {
    const agents = (file.agents ??= {});
    const agent = (agents[agentId] ??= {});
    const allowlist = (agent.allowlist ??= []);
    for (const pattern of patterns) {
      if (!allowlist.some((e) => e.pattern === pattern)) allowlist.push({ id: randomUUID(), pattern, lastUsedAt: Date.now() });
    }
    return file;
  });
}
