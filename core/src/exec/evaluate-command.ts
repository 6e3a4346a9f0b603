import { codeRunnerKind, type CodeRunnerKind } from './code-runners.js';
import { baseName, findShellWrapper, parseEnvPrefix } from './command-wrappers.js';
import type { OwnedAllowlistEntry } from './exec-policy.js';
import { matchesProgram } from './match-pattern.js';
import { isTrusted, resolveExecutable, type ResolvedExecutable } from './resolve-executable.js';
import { safeBinArgsOk } from './safe-bins.js';
import { splitShellCommand } from './shell-segments.js';
import type { ShellWord } from './shell-lexer.js';

/**
 * Shell keywords and builtins that run other code or change what later commands mean. The
 * shell runs them whatever file of the same name PATH holds, so they can never be matched.
 */
const UNMATCHABLE_BUILTINS: ReadonlySet<string> = new Set(
  '. source eval exec command builtin trap alias unalias enable cd pushd popd set shopt export declare typeset local readonly unset let hash fc coproc time function if then else elif fi for while until do done case esac select { } [[ ]] ! read mapfile readarray getopts ulimit umask'.split(' '),
);

export interface EvaluateOptions {
  readonly cwd: string;
  /** PATH of the sanitised environment the command runs with. */
  readonly pathEnv: string | undefined;
  readonly home: string;
  readonly allowlist: readonly OwnedAllowlistEntry[];
  /** Safe bin names; none on the gateway, which leaves them to the node (EXEC.md 5). */
  readonly safeBins?: readonly string[];
  /** Directories whose shells, `env` and safe bins are trusted (`trustedDirs()`). */
  readonly trusted: ReadonlySet<string>;
}

/** The verdict on one simple command. */
export interface SegmentVerdict {
  readonly argv: readonly string[];
  readonly resolved: ResolvedExecutable;
  readonly match?: OwnedAllowlistEntry;
  readonly safeBin?: boolean;
  /**
   * Set when the program runs other code it is handed (a shell not in `-c` form, an
   * interpreter, a wrapper like `timeout`): only a `*` entry covers it, and "allow always"
   * never adds it, since an entry for it would cover whatever it is handed next.
   */
  readonly runner?: CodeRunnerKind;
  readonly satisfied: boolean;
}

/** How many shells deep a `sh -c 'sh -c …'` is analysed (EXEC.md 7.6); deeper is unanalysable. */
export const MAX_SHELL_DEPTH = 3;

export interface CommandEvaluation {
  /** False when the shell text cannot be analysed (redirect, `$(`, ...): never allowlisted. */
  readonly analysisOk: boolean;
  readonly reason?: string;
  /** The script of a shell wrapper (`sh -lc <script>`), when the argv is one. */
  readonly shellScript?: string;
  readonly segments: readonly SegmentVerdict[];
  /** Every segment of every chain part is allowlisted or a safe bin use. */
  readonly satisfied: boolean;
}

/**
 * Decides whether a command is covered by an allowlist (EXEC.md 7). A trusted shell
 * wrapper's script is split into chain parts and pipeline segments, each judged on its own;
 * any other argv is one segment. A segment is covered when its resolved executable (symlinks
 * followed, behind a harmless `env` prefix) matches a pattern, or it is a safe bin use.
 *
 * @example
 * evaluateCommand(['/bin/sh', '-lc', 'uname -a | wc -l'], { ...opts, allowlist: [uname] }).satisfied; // true
 */
export function evaluateCommand(argv: readonly string[], options: EvaluateOptions): CommandEvaluation {
  const wrapper = findShellWrapper(argv);
  // The shell, and an `env` in front of it, must be the system's own binaries, not look-alikes.
  const binaries = wrapper === undefined ? [] : wrapper.shellIndex > 0 ? [argv[0], argv[wrapper.shellIndex]] : [argv[0]];
  const trustedWrapper = wrapper !== undefined && binaries.every((token) => isTrusted(resolveExecutable(token, options), options.trusted));
  if (!wrapper || !trustedWrapper) {
    const verdicts = judge(argv.map((text) => ({ text, dynamic: false })), false, options, 0);
    if ('reason' in verdicts) return { analysisOk: false, reason: verdicts.reason, segments: [], satisfied: false };
    return finish(verdicts);
  }
  const verdicts = judgeScript(wrapper.script, options, 1);
  if ('reason' in verdicts) return { analysisOk: false, reason: verdicts.reason, shellScript: wrapper.script, segments: [], satisfied: false };
  return { ...finish(verdicts), shellScript: wrapper.script };
}

function finish(segments: readonly SegmentVerdict[]): CommandEvaluation {
  const miss = segments.find((s) => !s.satisfied);
  return { analysisOk: true, segments, satisfied: miss === undefined, ...(miss ? { reason: `allowlist miss: ${miss.argv[0] ?? ''}` } : {}) };
}

type Judged = readonly SegmentVerdict[] | { reason: string };

/** Every segment of every chain part of a shell script, `depth` shells deep. */
function judgeScript(script: string, options: EvaluateOptions, depth: number): Judged {
  if (depth > MAX_SHELL_DEPTH) return { reason: `shell wrappers nested more than ${MAX_SHELL_DEPTH} deep` };
  const analysis = splitShellCommand(script);
  if (!analysis.ok) return { reason: analysis.reason };
  const segments: SegmentVerdict[] = [];
  for (const part of analysis.parts) {
    for (const words of part) {
      const judged = judge(words, true, options, depth);
      if ('reason' in judged) return judged;
      segments.push(...judged);
    }
  }
  return segments;
}

function judge(words: readonly ShellWord[], shellText: boolean, options: EvaluateOptions, depth: number): Judged {
  const argv = words.map((w) => w.text);
  let start = 0;
  if (baseName(argv[0] ?? '') === 'env' && !words[0].dynamic && isTrusted(resolveExecutable(argv[0], options), options.trusted)) {
    const prefix = parseEnvPrefix(argv);
    if (!prefix.ok) return { reason: prefix.reason };
    // A bare `env` prints the environment: then `env` itself is the command.
    start = prefix.commandIndex < argv.length ? prefix.commandIndex : 0;
  }
  const word = words[start];
  const unsatisfied = { argv, resolved: {}, satisfied: false } as const;
  if (word === undefined || word.dynamic || (shellText && UNMATCHABLE_BUILTINS.has(word.text))) return [unsatisfied];
  const resolved = resolveExecutable(word.text, options);
  if (resolved.candidate === undefined) return [{ ...unsatisfied, resolved }];
  const runner = codeRunnerKind(word.text, resolved.realPath);
  if (runner !== undefined) return judgeRunner(words.slice(start), argv, resolved, runner, options, depth);
  const match = options.allowlist.find((entry) => matchesProgram(entry.pattern, word.text, resolved, options.home));
  if (match) return [{ argv, resolved, match, satisfied: true }];
  const name = resolved.path === undefined ? '' : baseName(resolved.path);
  const safeBin = (options.safeBins ?? []).some((bin) => bin.toLowerCase() === name) && isTrusted(resolved, options.trusted) && safeBinArgsOk(name, words.slice(start + 1));
  return [{ argv, resolved, safeBin, satisfied: safeBin }];
}

/**
 * A shell, interpreter or wrapper inside a command. A trusted shell in `-c` form has its
 * script judged instead (so `sh -c 'sh -c id'` is `id`); anything else is covered only by a
 * `*` entry, which already allows every program.
 */
function judgeRunner(words: readonly ShellWord[], argv: readonly string[], resolved: ResolvedExecutable, runner: CodeRunnerKind, options: EvaluateOptions, depth: number): Judged {
  const inner = runner === 'shell' && isTrusted(resolved, options.trusted) && !words.some((w) => w.dynamic) ? findShellWrapper(words.map((w) => w.text)) : undefined;
  if (inner !== undefined && inner.shellIndex === 0) return judgeScript(inner.script, options, depth + 1);
  const match = options.allowlist.find((entry) => entry.pattern.trim() === '*' && matchesProgram(entry.pattern, words[0].text, resolved, options.home));
  return [{ argv, resolved, runner, ...(match ? { match } : {}), satisfied: match !== undefined }];
}
