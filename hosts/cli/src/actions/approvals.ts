import { readFile } from 'node:fs/promises';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { ExecApprovalsFile, ExecApprovalsSnapshot } from '@openclaw-nodes/core/protocol';
import { formatApprovals } from './approvals-format.js';
import { approvalsTarget, type ApprovalsFlags, type ApprovalsTarget } from './approvals-target.js';

/** Runs `fn` against the chosen target and prints the snapshot it returns. */
async function withTarget(flags: ApprovalsFlags, verb: 'Showing' | 'Writing', fn: (target: ApprovalsTarget) => Promise<ExecApprovalsSnapshot | string>): Promise<void> {
  const target = await approvalsTarget(flags);
  try {
    const outcome = await fn(target);
    if (typeof outcome === 'string') return void process.stdout.write(`${outcome}\n`);
    if (flags.json) return void process.stdout.write(`${JSON.stringify(outcome)}\n`);
    const note = target.label === 'local' ? `${verb} local approvals.\n` : `Target: ${target.label}\n`;
    process.stdout.write(`${note}${formatApprovals(target.label, outcome)}`);
  } finally {
    await target.close();
  }
}

/** `openclaw approvals get [--node <n>|--gateway]`. */
export function approvalsGet(flags: ApprovalsFlags): Promise<void> {
  return withTarget(flags, 'Showing', (target) => target.get());
}

/** `openclaw approvals set (--file <path> | --stdin)`: replaces the whole file, compare-and-swap on its hash. */
export async function approvalsSet(flags: ApprovalsFlags & { file?: string; stdin?: boolean }): Promise<void> {
  if (flags.file === undefined && !flags.stdin) throw new OpenClawError('CLI_USAGE', 'Provide --file or --stdin.');
  if (flags.file !== undefined && flags.stdin) throw new OpenClawError('CLI_USAGE', 'Use either --file or --stdin (not both).');
  const text = flags.stdin ? await readStdin() : await readFile(flags.file!, 'utf8');
  const { parseJson5 } = await import('@openclaw-nodes/config');
  let parsed: unknown;
  try {
    parsed = parseJson5(text, flags.file ?? 'stdin');
  } catch (err) {
    throw new OpenClawError('CLI_USAGE', `Failed to parse approvals JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new OpenClawError('CLI_USAGE', 'Failed to parse approvals JSON: expected an object');
  const file = { ...parsed, version: 1 } as ExecApprovalsFile;
  await withTarget(flags, 'Writing', async (target) => target.set(file, (await target.get()).hash));
}

/**
 * `openclaw approvals allowlist add|remove <pattern> [--agent <id>]`: get the snapshot, edit
 * `agents[<agent>].allowlist` (agent `*` by default), set it back with the hash read.
 */
export async function approvalsAllowlist(action: 'add' | 'remove', rawPattern: string, flags: ApprovalsFlags & { agent?: string }): Promise<void> {
  const pattern = rawPattern.trim();
  if (pattern === '') throw new OpenClawError('CLI_USAGE', 'Pattern required.');
  // Patterns are compared with the program's resolved absolute path (EXEC.md 7.4), so a
  // relative one would be stored and never match: say so rather than add a dead entry.
  if (action === 'add' && /^\.\.?[\\/]/.test(pattern)) {
    throw new OpenClawError('CLI_USAGE', `${pattern} is relative and would never match: allowlist patterns are compared with the program's absolute path; give the absolute path (e.g. /home/me/bin/mytool), a ~/ path, a bare name or *.`);
  }
  const agentId = flags.agent?.trim() || '*';
  await withTarget(flags, 'Writing', (target) => retryOnConflict(async () => {
    const { file, hash } = await target.get();
    const agents = { ...file.agents };
    const agent = { ...agents[agentId] };
    const list = [...(agent.allowlist ?? [])];
    const index = list.findIndex((entry) => entry.pattern.trim() === pattern);
    if (action === 'add') {
      if (index >= 0) return 'Already allowlisted.';
      list.push({ pattern, lastUsedAt: Date.now() });
    } else {
      if (index < 0) return 'Pattern not found.';
      list.splice(index, 1);
    }
    if (list.length > 0) agent.allowlist = list;
    else delete agent.allowlist;
    if (Object.keys(agent).length > 0) agents[agentId] = agent;
    else delete agents[agentId];
    return target.set({ ...file, agents }, hash);
  }));
}

/**
 * An allowlist edit is a merge, so when the file changed between our read and our write
 * (a node notes when entries were last used) it is simply redone on the new file.
 */
async function retryOnConflict<T>(edit: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await edit();
    } catch (err) {
      if (i >= attempts || !String((err as Error).message).includes('exec approvals changed')) throw err;
    }
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
