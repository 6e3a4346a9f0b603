import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  evaluateCommand,
  maxAsk,
  minSecurity,
  normalizeApprovalsFile,
  resolveExecPolicy,
  trustedDirs,
  type ExecAsk,
  type ExecPolicy,
  type ExecSecurity,
} from '@openclaw-nodes/core/exec';

/** The gateway's own approvals file, next to its pairing state (EXEC.md 5). */
export const GATEWAY_APPROVALS_FILE = 'exec-approvals.json';

/** The policy a call ends up with on the gateway before anything is sent (EXEC.md 5). */
export interface HostPolicy {
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
  readonly askFallback: ExecSecurity;
}

/**
 * Combines the requested policy with the gateway's own approvals file for the agent: the
 * stricter security and the more insistent ask win; `askFallback` is the file's. A missing
 * or unreadable file says nothing, so the request stands.
 *
 * @example
 * await gatewayHostPolicy(stateDir, 'main', 'allowlist', 'on-miss'); // { security: 'allowlist', ask: 'on-miss', askFallback: 'deny' }
 */
export async function gatewayHostPolicy(stateDir: string, agentId: string, security: ExecSecurity, ask: ExecAsk): Promise<HostPolicy> {
  const raw = await readFile(join(stateDir, GATEWAY_APPROVALS_FILE), 'utf8').then(
    (text) => JSON.parse(text) as unknown,
    () => undefined,
  );
  const own: ExecPolicy = resolveExecPolicy(normalizeApprovalsFile(raw ?? { version: 1 }), agentId, { security, ask });
  return { security: minSecurity(security, own.security), ask: maxAsk(ask, own.ask), askFallback: own.askFallback };
}

/** Where a node looks programs up: the command's working directory and the PATH the node reported. */
export interface NodeLookup {
  readonly cwd?: string;
  readonly pathEnv?: string;
}

/**
 * Whether a command would pass a node's allowlist, judged here from the node's approvals
 * file and without safe bins, which are the node's own business (EXEC.md 5). Programs are
 * looked up along the node's PATH when it reported one, else this gateway's. Used only to
 * decide whether an approval would be needed; the node decides again for itself.
 */
export function satisfiesNodeAllowlist(nodeFile: unknown, agentId: string, argv: readonly string[], where: NodeLookup = {}): boolean {
  const policy = resolveExecPolicy(normalizeApprovalsFile(nodeFile), agentId);
  const evaluation = evaluateCommand(argv, {
    cwd: where.cwd ?? process.cwd(),
    pathEnv: where.pathEnv ?? process.env.PATH,
    home: process.env.HOME ?? homedir(),
    allowlist: policy.allowlist,
    trusted: trustedDirs(process.env.PATH),
  });
  return evaluation.satisfied;
}
