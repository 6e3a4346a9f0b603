/** A heredoc announced on the command line, whose body follows the line. */
export interface Heredoc {
  readonly delimiter: string;
  /** A quoted delimiter (`<<'EOF'`) makes the body literal: no expansion, no substitution. */
  readonly quoted: boolean;
  /** `<<-` strips leading tabs from body lines and the delimiter line. */
  readonly stripTabs: boolean;
}

/** Reads `<<[-]WORD` after the `<<`; returns the heredoc and where the command line continues. */
export function readHeredocStart(text: string, start: number): { heredoc: Heredoc; next: number } | { reason: string } {
  let i = start;
  const stripTabs = text[i] === '-';
  if (stripTabs) i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  let delimiter = '';
  let quoted = false;
  while (i < text.length && !/[\s;&|<>()]/.test(text[i])) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return { reason: 'unterminated quote' };
      delimiter += text.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else if (c === '\\') {
      delimiter += text[i + 1] ?? '';
      quoted = true;
      i += 2;
    } else {
      delimiter += c;
      i++;
    }
  }
  if (delimiter === '') return { reason: 'unterminated heredoc' };
  return { heredoc: { delimiter, quoted, stripTabs }, next: i };
}

/** Consumes each pending heredoc body in order; returns the index after the last one, or a reason. */
export function readHeredocBodies(text: string, start: number, heredocs: readonly Heredoc[]): number | string {
  let i = start;
  for (const doc of heredocs) {
    for (;;) {
      if (i >= text.length) return 'unterminated heredoc';
      const newline = text.indexOf('\n', i);
      const line = text.slice(i, newline < 0 ? text.length : newline);
      i = newline < 0 ? text.length : newline + 1;
      if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter) break;
      // An unquoted heredoc body is expanded by the shell: `$(…)` runs commands, and `$NAME`
      // puts the host's environment into what a safe bin reads, so neither is plain data.
      if (!doc.quoted && (line.includes('$(') || line.includes('`'))) return 'command substitution in heredoc';
      if (!doc.quoted && line.includes('$')) return 'expansion in heredoc (quote the delimiter for literal text)';
    }
  }
  return i;
}
