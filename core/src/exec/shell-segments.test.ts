import { describe, expect, it } from 'vitest';
import { splitShellCommand } from './shell-segments.js';

/** The analysed parts as plain word lists, or the failure reason. */
const split = (text: string) => {
  const result = splitShellCommand(text);
  return result.ok ? result.parts.map((part) => part.map((segment) => segment.map((w) => w.text))) : result.reason;
};

describe('splitShellCommand', () => {
  it.each([
    ['uname -a', [[['uname', '-a']]]],
    ['uname -a && ls', [[['uname', '-a']], [['ls']]]],
    ['uname || ls ; id', [[['uname']], [['ls']], [['id']]]],
    ['uname | wc -l', [[['uname'], ['wc', '-l']]]],
    [`echo 'a && b' "c ; d" e\\|f`, [[['echo', 'a && b', 'c ; d', 'e|f']]]],
    ['echo "it\'s" \'say "hi"\'', [[['echo', "it's", 'say "hi"']]]],
    ['uname # ; rm -rf /', [[['uname']]]],
    ["cat <<'EOF'\nhello $HOME\nEOF", [[['cat']]]],
    ["cat <<'EOF'\n$(id) `id`\nEOF", [[['cat']]]],
    ['cat <<-EOF\n\thi\n\tEOF', [[['cat']]]],
    ["printf '%s\\n' 'two\nlines'", [[['printf', '%s\\n', 'two\nlines']]]],
  ])('splits %j', (text, parts) => {
    expect(split(text)).toEqual(parts);
  });

  it.each([
    ['uname > out.txt', 'unsupported shell token: >'],
    ['sh < script', 'unsupported shell token: <'],
    ['cat <<< "x"', 'unsupported shell token: <'],
    ['echo $(id)', 'unsupported shell token: $('],
    ['echo "$(id)"', 'unsupported shell token: $('],
    ['echo `id`', 'unsupported shell token: `'],
    ['echo "`id`"', 'unsupported shell token: `'],
    ['(id)', 'unsupported shell token: ('],
    ['uname &', 'unsupported shell token: &'],
    ['uname & id', 'unsupported shell token: &'],
    ['uname |& cat', 'unsupported shell token: |&'],
    ['uname\nid', 'unsupported shell token: newline'],
    ['cat <<EOF\nx\nEOF\nid', 'unsupported shell token: newline'],
    ['cat <<EOF\n$(id)\nEOF', 'command substitution in heredoc'],
    ['cat <<EOF\n$HOME\nEOF', 'expansion in heredoc (quote the delimiter for literal text)'],
    ['cat <<-EOF\n\t${HOME}\n\tEOF', 'expansion in heredoc (quote the delimiter for literal text)'],
    ['cat <<EOF\nno end', 'unterminated heredoc'],
    ['echo "open', 'unterminated quote'],
    ["echo 'open", 'unterminated quote'],
    ['echo \\', 'unterminated escape'],
    ['uname ||', 'empty segment'],
    ['| uname', 'empty segment'],
    ['uname;', 'empty segment'],
    ['uname;;id', 'empty segment'],
    ['', 'empty segment'],
  ])('refuses %j', (text, reason) => {
    expect(split(text)).toBe(reason);
  });

  it('marks words the shell would still expand as dynamic', () => {
    const result = splitShellCommand(`$SHELL "$X" '$Y' *.txt ~other ~/bin/x plain`);
    if (!result.ok) throw new Error(result.reason);
    expect(result.parts[0][0].map((w) => [w.text, w.dynamic])).toEqual([
      ['$SHELL', true],
      ['$X', true],
      ['$Y', false],
      ['*.txt', true],
      ['~other', true],
      ['~/bin/x', false],
      ['plain', false],
    ]);
  });
});
