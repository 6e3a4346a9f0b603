import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchesPattern, matchesProgram } from './match-pattern.js';

const root = mkdtempSync(join(tmpdir(), 'openclaw-pattern-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const home = join(root, 'home');

describe('matchesPattern', () => {
  it.each([
    ['/usr/bin/uname', '/usr/bin/uname', true],
    ['/usr/bin/uname', '/usr/bin/unamex', false],
    ['/USR/BIN/Uname', '/usr/bin/uname', true],
    ['  /usr/bin/uname  ', '/usr/bin/uname', true],
    ['/usr/bin/*', '/usr/bin/uname', true],
    ['/usr/bin/*', '/usr/bin/sub/uname', false],
    ['/usr/**', '/usr/bin/sub/uname', true],
    ['/usr/bin/unam?', '/usr/bin/uname', true],
    ['/usr/bin/un.me', '/usr/bin/uname', false],
    ['~/.local/bin/*', `${home}/.local/bin/rg`, true],
    ['~/Projects/**/bin/rg', `${home}/Projects/a/b/bin/rg`, true],
    ['~/Projects/**/bin/rg', `${home}/Projects/a/b/bin/rgx`, false],
    ['uname', '/usr/bin/uname', false],
    ['*', '/usr/bin/uname', false],
  ])('%j against %j is %s', (pattern, candidate, expected) => {
    expect(matchesPattern(pattern, candidate, home)).toBe(expected);
  });

  it('follows the pattern’s own symlinks, so a link to an allowed file covers its target', () => {
    mkdirSync(join(root, 'real'));
    writeFileSync(join(root, 'real', 'tool'), '');
    symlinkSync(join(root, 'real'), join(root, 'linked'));
    symlinkSync(join(root, 'real', 'tool'), join(root, 'tool-link'));
    expect(matchesPattern(join(root, 'tool-link'), join(root, 'real', 'tool'), home)).toBe(true);
    expect(matchesPattern(join(root, 'linked', '*'), join(root, 'real', 'tool'), home)).toBe(true);
    expect(matchesPattern(join(root, 'linked', 'other'), join(root, 'real', 'tool'), home)).toBe(false);
  });
});

describe('matchesProgram', () => {
  const resolved = { path: '/usr/bin/hostname', realPath: '/usr/bin/hostname', candidate: '/usr/bin/hostname' };
  it.each([
    ['*', 'hostname', resolved, true],
    ['*', '/usr/bin/hostname', resolved, true],
    ['*', 'nope', {}, false],
    ['*', '/opt/nope', { candidate: '/opt/nope' }, false],
    ['hostname', 'hostname', resolved, true],
    ['host*', 'hostname', resolved, true],
    ['hostname', '/usr/bin/hostname', resolved, false],
    ['hostname', 'nope', {}, false],
    ['uname', 'hostname', resolved, false],
    ['/usr/bin/hostname', '/usr/bin/hostname', resolved, true],
  ])('%j for %j is %s', (pattern, typed, target, expected) => {
    expect(matchesProgram(pattern, typed, target, home)).toBe(expected);
  });
});
