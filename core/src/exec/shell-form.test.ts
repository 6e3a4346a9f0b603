import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shellCommandArgv, withoutStartupFiles } from './shell-form.js';

describe('shellCommandArgv', () => {
  it('wraps in a non-login POSIX shell, or cmd.exe for Windows', () => {
    expect(shellCommandArgv('linux', 'uname -a')).toEqual(['/bin/sh', '-c', 'uname -a']);
    expect(shellCommandArgv(undefined, 'id')).toEqual(['/bin/sh', '-c', 'id']);
    expect(shellCommandArgv('Windows', 'ver')).toEqual(['cmd.exe', '/d', '/s', '/c', 'ver']);
  });
});

describe('withoutStartupFiles', () => {
  it.each([
    [['/bin/sh', '-lc', 'x'], ['/bin/sh', '-c', 'x']],
    [['sh', '-c', 'x'], ['sh', '-c', 'x']],
    [['/usr/bin/env', 'LANG=C', 'bash', '-lc', 'x', 'arg0'], ['/usr/bin/env', 'LANG=C', 'bash', '--noprofile', '--norc', '-c', 'x', 'arg0']],
    [['zsh', '-lc', 'x'], ['zsh', '-f', '-c', 'x']],
    [['fish', '--command', 'x'], ['fish', '--no-config', '--command', 'x']],
    [['uname', '-lc', 'x'], ['uname', '-lc', 'x']],
    [['/bin/sh', 'script.sh'], ['/bin/sh', 'script.sh']],
  ])('%j runs as %j', (argv, expected) => {
    expect(withoutStartupFiles(argv)).toEqual(expected);
  });

  const home = mkdtempSync(join(tmpdir(), 'openclaw-shell-form-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('keeps the PATH the command was given where a login profile would reset it', () => {
    writeFileSync(join(home, '.profile'), 'PATH=/nowhere\n');
    const env = { HOME: home, PATH: '/usr/bin:/bin:/opt/node-only' };
    const run = (argv: readonly string[]) => execFileSync(argv[0], argv.slice(1), { env, encoding: 'utf8' }).trim();
    expect(run(['/bin/sh', '-lc', 'echo $PATH'])).toBe('/nowhere');
    expect(run(withoutStartupFiles(['/bin/sh', '-lc', 'echo $PATH']))).toBe(env.PATH);
  });
});
