import type { ExecApprovalsSnapshot } from '@openclaw-nodes/core/protocol';
import { age, table } from '../format/table.js';

/**
 * The human view of a snapshot (CLI.md 7): a `Field | Value` table, then the allowlist as
 * `Target | Agent | Pattern | Last Used`, or `No allowlist entries.`.
 */
export function formatApprovals(target: string, snapshot: ExecApprovalsSnapshot): string {
  const { file } = snapshot;
  const agents = Object.entries(file.agents ?? {});
  const entries = agents.flatMap(([agent, section]) => (section.allowlist ?? []).map((e) => [target, agent, e.pattern, e.lastUsedAt === undefined ? '-' : age(e.lastUsedAt)]));
  const d = file.defaults ?? {};
  const defaults = Object.keys(d).length === 0 ? 'none' : `security=${d.security ?? '-'}, ask=${d.ask ?? '-'}, askFallback=${d.askFallback ?? '-'}, autoAllowSkills=${d.autoAllowSkills ? 'on' : 'off'}`;
  const rows: Array<[string, string]> = [
    ['Target', target],
    ['Path', snapshot.path],
    ['Exists', snapshot.exists ? 'yes' : 'no'],
    ['Hash', snapshot.hash],
    ['Version', String(file.version)],
    ['Socket', file.socket?.path ?? 'default'],
    ['Defaults', defaults],
    ['Agents', String(agents.length)],
    ['Allowlist', String(entries.length)],
  ];
  const list = entries.length === 0 ? 'No allowlist entries.' : `Allowlist\n${table(['Target', 'Agent', 'Pattern', 'Last Used'], entries)}`;
  return `Approvals\n${table(['Field', 'Value'], rows)}\n\n${list}\n`;
}
