/**
 * @module
 * The exec approvals engine shared by node hosts and the gateway: shell text analysis,
 * executable resolution, allowlist patterns, safe bins, approvals file normalisation, policy
 * resolution and environment rules (EXEC.md sections 4 to 8).
 */
export { lexShell, type ShellWord, type ShellToken, type LexResult } from './exec/shell-lexer.js';
export { splitShellCommand, type ShellSegment, type ShellAnalysis } from './exec/shell-segments.js';
export { shellCommandArgv, withoutStartupFiles } from './exec/shell-form.js';
export { POSIX_SHELLS, baseName, parseEnvPrefix, findShellWrapper, formatArgv, type EnvPrefix, type ShellWrapper } from './exec/command-wrappers.js';
export {
  DEFAULT_PATH,
  expandHome,
  resolveExecutable,
  isExecutableFile,
  trustedDirs,
  isTrusted,
  type ResolveOptions,
  type ResolvedExecutable,
} from './exec/resolve-executable.js';
export { matchesPattern, matchesProgram } from './exec/match-pattern.js';
export { DEFAULT_SAFE_BINS, safeBinArgsOk, type SafeBinArg } from './exec/safe-bins.js';
export { addHostOnlyEnvKeys, isBlockedEnvKey, isHostOnlyEnvKey, forbiddenOverride, sanitizeEnv } from './exec/env-policy.js';
export {
  emptyApprovalsFile,
  approvalsHash,
  MISSING_APPROVALS_HASH,
  normalizeApprovalsFile,
  redactApprovalsFile,
} from './exec/approvals-file.js';
export {
  DEFAULT_AGENT_ID,
  isExecSecurity,
  isExecAsk,
  minSecurity,
  maxAsk,
  resolveExecPolicy,
  requiresAsk,
  type ExecSecurity,
  type ExecAsk,
  type ExecPolicy,
  type OwnedAllowlistEntry,
  type PolicyFallbacks,
} from './exec/exec-policy.js';
export { defaultAgentId, execSection, type ExecConfigView, type ExecConfigSection } from './exec/exec-config-view.js';
export { evaluateCommand, MAX_SHELL_DEPTH, type EvaluateOptions, type SegmentVerdict, type CommandEvaluation } from './exec/evaluate-command.js';
export { codeRunnerKind, type CodeRunnerKind } from './exec/code-runners.js';
export { parentDeathLauncher } from './exec/parent-death.js';
