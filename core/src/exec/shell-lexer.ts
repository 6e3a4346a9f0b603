import { readHeredocBodies, readHeredocStart, type Heredoc } from './shell-heredoc.js';

/**
 * One word of shell text after quote removal. `dynamic` marks a word the shell would still
 * expand at run time (`$VAR`, an unquoted glob or brace, `~user`): its final value is
 * unknowable here, so it can never name an allowlisted executable.
 */
export interface ShellWord {
  readonly text: string;
  readonly dynamic: boolean;
}

/** A word, or a control operator that separates commands. */
export type ShellToken = ShellWord | { readonly op: '&&' | '||' | ';' | '|' };

export type LexResult = { ok: true; tokens: ShellToken[] } | { ok: false; reason: string };

const unsupported = (token: string): LexResult => ({ ok: false, reason: `unsupported shell token: ${token}` });

/**
 * Tokenises POSIX shell text for allowlist analysis (EXEC.md 7.2). Anything whose effect
 * cannot be known without running it — redirects, command substitution, subshells,
 * backgrounding, a second line — fails instead of being guessed at: a failed analysis can
 * never be allowlisted. Heredocs (`<<`) are accepted; their bodies are data, not commands.
 *
 * @example
 * lexShell('uname -a && ls "my dir"'); // words uname, -a, op &&, words ls, my dir
 * lexShell('echo $(id)'); // { ok: false, reason: 'unsupported shell token: $(' }
 */
export function lexShell(text: string): LexResult {
  const tokens: ShellToken[] = [];
  const heredocs: Heredoc[] = [];
  let word = '';
  let inWord = false;
  let dynamic = false;
  let i = 0;
  const end = () => {
    if (inWord) tokens.push({ text: word, dynamic });
    word = '';
    inWord = false;
    dynamic = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      end();
      i++;
    } else if (c === '\n') {
      end();
      if (heredocs.length === 0) return unsupported('newline');
      const after = readHeredocBodies(text, i + 1, heredocs);
      if (typeof after === 'string') return { ok: false, reason: after };
      // Whatever follows the bodies would be a second command line.
      if (text.slice(after).trim() !== '') return unsupported('newline');
      return { ok: true, tokens };
    } else if (c === '\\') {
      if (i + 1 >= text.length) return { ok: false, reason: 'unterminated escape' };
      if (text[i + 1] !== '\n') {
        word += text[i + 1];
        inWord = true;
      }
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { ok: false, reason: 'unterminated quote' };
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      const quoted = readDoubleQuoted(text, i + 1);
      if ('reason' in quoted) return { ok: false, reason: quoted.reason };
      word += quoted.text;
      dynamic ||= quoted.dynamic;
      inWord = true;
      i = quoted.next;
    } else if (c === '`') {
      return unsupported('`');
    } else if (c === '$') {
      if (text[i + 1] === '(') return unsupported('$(');
      word += c;
      inWord = true;
      dynamic = true;
      i++;
    } else if (c === '(' || c === ')' || c === '>') {
      return unsupported(c);
    } else if (c === '<') {
      if (text[i + 1] !== '<' || text[i + 2] === '<') return unsupported('<');
      end();
      const heredoc = readHeredocStart(text, i + 2);
      if ('reason' in heredoc) return { ok: false, reason: heredoc.reason };
      heredocs.push(heredoc.heredoc);
      i = heredoc.next;
    } else if (c === '&') {
      if (text[i + 1] !== '&') return unsupported('&');
      end();
      tokens.push({ op: '&&' });
      i += 2;
    } else if (c === '|') {
      if (text[i + 1] === '&') return unsupported('|&');
      end();
      tokens.push({ op: text[i + 1] === '|' ? '||' : '|' });
      i += text[i + 1] === '|' ? 2 : 1;
    } else if (c === ';') {
      end();
      tokens.push({ op: ';' });
      i++;
    } else if (c === '#' && !inWord) {
      // A comment runs to the end of the line; a newline after it is still a second line.
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
    } else {
      // Globs and braces expand against the filesystem; `~user` against the user database.
      if (c === '*' || c === '?' || c === '[' || c === '{') dynamic = true;
      if (c === '~' && !inWord && text[i + 1] !== undefined && !/[\s/;&|]/.test(text[i + 1])) dynamic = true;
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  if (heredocs.length > 0) return { ok: false, reason: 'unterminated heredoc' };
  return { ok: true, tokens };
}

/** Inside double quotes `$(` and backticks still run commands; `$` still expands. */
function readDoubleQuoted(text: string, start: number): { text: string; dynamic: boolean; next: number } | { reason: string } {
  let out = '';
  let dynamic = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { text: out, dynamic, next: i + 1 };
    if (c === '`') return { reason: 'unsupported shell token: `' };
    if (c === '$') {
      if (text[i + 1] === '(') return { reason: 'unsupported shell token: $(' };
      dynamic = true;
    }
    if (c === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
      if (text[i + 1] !== '\n') out += text[i + 1];
      i++;
      continue;
    }
    out += c;
  }
  return { reason: 'unterminated quote' };
}
