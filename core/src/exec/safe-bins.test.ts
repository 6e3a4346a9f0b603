import { describe, expect, it } from 'vitest';
import { safeBinArgsOk } from './safe-bins.js';

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
  ])('%s %j is refused', (name, list) => {
    expect(safeBinArgsOk(name, list)).toBe(false);
  });

  it('refuses a word the shell would expand', () => {
    expect(safeBinArgsOk('head', [{ text: '-n' }, { text: '$N', dynamic: true }])).toBe(false);
    expect(safeBinArgsOk('mytool', [{ text: '$F', dynamic: true }])).toBe(false);
  });
});
