/** Characters a POSIX shell takes literally outside quotes. */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * An argv as a person would type it into a POSIX shell: plain words bare, anything else in
 * single quotes (a `'` inside becomes `'\''`), so pasting it runs exactly `argv`.
 *
 * @example
 * shellCommand(['openclaw', 'node', 'run', '--display-name', "Bob's Mac"]); // "openclaw node run --display-name 'Bob'\''s Mac'"
 */
export function shellCommand(argv: readonly string[]): string {
  return argv.map((arg) => (BARE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * The argv of an `ExecStart=` value as systemd reads it (systemd.syntax(7)): double-quoted
 * words with `\` escapes, `%%` for `%` and `$$` for `$`, as `execArgument` writes them; a bare
 * word (a hand-edited unit) is split at whitespace.
 *
 * @example
 * parseExecStart('"/usr/bin/node" "Build 100%% $$HOME"'); // ['/usr/bin/node', 'Build 100% $HOME']
 */
export function parseExecStart(value: string): string[] {
  const argv: string[] = [];
  for (const match of value.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    const word = (match[1] ?? match[2]!).replace(/\$\$/g, '$').replace(/%%/g, '%');
    argv.push(match[1] === undefined ? word : word.replace(/\\(.)/g, '$1'));
  }
  return argv;
}
