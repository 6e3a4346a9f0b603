import { lexShell, type ShellWord } from './shell-lexer.js';

/** One simple command: its words, argv[0] first. */
export type ShellSegment = readonly ShellWord[];

/**
 * Shell text split for allowlist checks: chain parts (split on `&&`, `||`, `;`), each a
 * pipeline of segments (split on `|`). Every segment of every part must pass on its own.
 */
export type ShellAnalysis = { ok: true; parts: ShellSegment[][] } | { ok: false; reason: string };

/**
 * Splits shell text into chain parts and pipeline segments (EXEC.md 7.2). An empty segment
 * (`a ||`, `| b`, `a;;b`, a trailing `;`) fails the analysis like any unsupported token.
 *
 * @example
 * splitShellCommand('uname -a | wc -l; ls');
 * // { ok: true, parts: [[[uname, -a], [wc, -l]], [[ls]]] }
 */
export function splitShellCommand(text: string): ShellAnalysis {
  const lexed = lexShell(text);
  if (!lexed.ok) return lexed;
  const parts: ShellSegment[][] = [];
  let pipeline: ShellSegment[] = [];
  let segment: ShellWord[] = [];
  for (const token of lexed.tokens) {
    if (!('op' in token)) {
      segment.push(token);
      continue;
    }
    if (segment.length === 0) return { ok: false, reason: 'empty segment' };
    pipeline.push(segment);
    segment = [];
    if (token.op !== '|') {
      parts.push(pipeline);
      pipeline = [];
    }
  }
  if (segment.length === 0) return { ok: false, reason: 'empty segment' };
  pipeline.push(segment);
  parts.push(pipeline);
  return { ok: true, parts };
}
