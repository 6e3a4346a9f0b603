import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFE_BINS, safeBinArgsOk } from './safe-bins.js';

const args = (...texts: string[]) => texts.map((text) => ({ text }));

describe('safeBinArgsOk', () => {
  it.each([
    ['wc', args('-l'), true],
    ['head', args('-n', '5'), true],
    ['tail', args('-n5'), true],
    ['cut', args('-d', ':', '-f', '1'), true],
    ['tr', args('a-z', 'A-Z'), true],
    ['jq', args('.name'), true],
    ['jq', args('--arg', 'n', 'v', '.x'), true],
    ['grep', args('-e', 'TODO'), true],
    ['mytool', args('a', 'b', 'c'), true],
    ['jq', args('-nr', '.a'), true],
    ['jq', args('-r', '.environment'), true],
    ['head', args('-c5'), true],
    ['sort', args('-rn', '-k', '2'), true],
    ['grep', args('-ie', 'TODO'), true],
    ['tail', args('-f'), true],
    ['wc', args('--lines'), true],
    ['cut', args('--fields=1', '-d', ':'), true],
  ])('%s %j passes', (name, list, ok) => {
    expect(safeBinArgsOk(name, list)).toBe(ok);
  });

  it.each([
    ['head', args('/etc/shadow')],
    ['head', args('notes.txt')],
    ['tail', args('../secret')],
    ['wc', args('--files0-from=list')],
    ['wc', args('~/x')],
    ['jq', args('-f', 'prog.jq')],
    ['jq', args('--rawfile', 'a', 'b')],
    ['jq', args('.a', '.b')],
    ['grep', args('-r', 'x')],
    ['grep', args('TODO')],
    ['sort', args('-o', 'out')],
    ['tr', args('a', 'b', 'c')],
    ['cut', args('-f', '*')],
    ['mytool', args('/etc/passwd')],
    ['jq', args('-nf', 'prog.jq')],
    ['jq', args('-n', 'env')],
    ['jq', args('-n', '$ENV.OPENCLAW_GATEWAY_TOKEN')],
    ['jq', args('-n', 'env.OPENCLAW_GATEWAY_TOKEN')],
    ['jq', args('input_filename')],
    ['jq', args('import "secrets" as $s; $s')],
    ['jq', args('include "x"; .')],
    ['jq', args('$__loc__')],
    ['jq', args('-Lsecrets', '.')],
    ['grep', args('-ire', 'token')],
    ['grep', args('-e', 'x', '-fpatterns')],
    ['sort', args('--random-source=secret')],
    ['sort', args('-T', 'dir')],
    ['sort', args('-uTdir')],
    ['sort', args('--temporary-directory=dir')],
    ['uniq', args('-c', 'in', 'out')],
    ['tail', args('-f', 'log')],
    ['wc', args('-l', '--files0-from', '-')],
    ['wc', args('--files0=-')],
    ['wc', args('--f=-')],
    ['sort', args('--compress-prog=sh')],
    ['sort', args('--random-s=secret')],
    ['sort', args('--out=x')],
    ['grep', args('-e', 'x', '--recur')],
    ['grep', args('-e', 'x', '--exclude-f=list')],
  ])('%s %j is refused', (name, list) => {
    expect(safeBinArgsOk(name, list)).toBe(false);
  });

  it('refuses a word the shell would expand', () => {
    expect(safeBinArgsOk('head', [{ text: '-n' }, { text: '$N', dynamic: true }])).toBe(false);
    expect(safeBinArgsOk('mytool', [{ text: '$F', dynamic: true }])).toBe(false);
  });
});

describe('DEFAULT_SAFE_BINS', () => {
  it('leaves out jq, whose filters can read the environment and files', () => {
    expect(DEFAULT_SAFE_BINS).toEqual(['cut', 'uniq', 'head', 'tail', 'tr', 'wc']);
  });
});
