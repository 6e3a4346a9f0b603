import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateCommand, type EvaluateOptions } from './evaluate-command.js';
import { trustedDirs } from './resolve-executable.js';

const UNAME = realpathSync(execFileSync('/bin/sh', ['-c', 'command -v uname'], { encoding: 'utf8' }).trim());
const root = realpathSync(mkdtempSync(join(tmpdir(), 'openclaw-evaluate-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// A look-alike: named uname and sh, really the system shell.
symlinkSync('/bin/sh', join(root, 'uname'));
symlinkSync('/bin/sh', join(root, 'sh'));

const options: EvaluateOptions = {
  cwd: root,
  pathEnv: '/usr/local/bin:/usr/bin:/bin',
  home: root,
  allowlist: [{ id: '1', pattern: UNAME, agentKey: '*' }],
  safeBins: ['wc', 'head'],
  trusted: trustedDirs(undefined),
};
const sh = (script: string) => ['/bin/sh', '-lc', script];

describe('evaluateCommand with /usr/bin/uname allowlisted', () => {
  it.each([
    ['a shell-wrapped command', sh('uname -a')],
    ['a PATH-resolved argv', ['uname', '-s']],
    ['an absolute argv', [UNAME]],
    ['a pipe into a safe bin', sh('uname | wc -l')],
    ['a chain of allowed parts', sh('uname -a && uname -s; uname || uname')],
    ['a harmless env prefix', sh('env LANG=C uname')],
    ['an env-prefixed shell wrapper', ['env', 'LANG=C', 'sh', '-c', 'uname']],
    ['a heredoc fed to an allowed command', sh('uname <<EOF\nx\nEOF')],
  ])('is satisfied by %s', (_what, argv) => {
    const result = evaluateCommand(argv, options);
    expect(result).toMatchObject({ analysisOk: true, satisfied: true });
    expect(result.segments[0].match?.pattern ?? 'safe').toBeTruthy();
  });

  it.each([
    ['a second command after &&', sh('uname -a && ls')],
    ['a ; chain', sh('uname; sh -c id')],
    ['a pipe into an interpreter', sh('uname | sh')],
    ['a pipe into python', sh('uname | python3 -c "import os"')],
    ['nice as a wrapper', sh('nice uname')],
    ['nohup as a wrapper', sh('nohup uname')],
    ['env running a shell', sh('env sh -c id')],
    ['a variable as the command', sh('$SHELL -c id')],
    ['a leading assignment', sh('FOO=1 uname')],
    ['eval', sh('eval uname')],
    ['exec', sh('exec uname')],
    ['command', sh('command uname')],
    ['a symlink named uname pointing at sh', [join(root, 'uname'), '-c', 'id']],
    ['the same symlink in shell text', sh(`${join(root, 'uname')} -c id`)],
    ['a look-alike shell wrapper', [join(root, 'sh'), '-c', 'uname']],
    ['an unknown bare name', sh('no-such-command-here')],
    ['a safe bin reading a file', sh('uname | head /etc/passwd')],
  ])('is not satisfied by %s', (_what, argv) => {
    expect(evaluateCommand(argv, options)).toMatchObject({ analysisOk: true, satisfied: false });
  });

  it.each([
    ['a redirect', sh('uname > out.txt'), 'unsupported shell token: >'],
    ['command substitution', sh('uname $(id)'), 'unsupported shell token: $('],
    ['backticks', sh('uname `id`'), 'unsupported shell token: `'],
    ['a subshell', sh('(uname)'), 'unsupported shell token: ('],
    ['env injecting LD_PRELOAD', sh('env LD_PRELOAD=/tmp/x.so uname'), 'env assignment not allowed: LD_PRELOAD'],
    ['env overriding PATH', ['env', 'PATH=/tmp', 'uname'], 'env assignment not allowed: PATH'],
    ['env -S', sh("env -S 'sh -c id'"), 'unsupported env option: -S'],
  ])('cannot analyse %s', (_what, argv, reason) => {
    expect(evaluateCommand(argv, options)).toMatchObject({ analysisOk: false, satisfied: false, reason });
  });

  it('leaves safe bins to the node: without them a pipe into wc is a miss', () => {
    expect(evaluateCommand(sh('uname | wc -l'), { ...options, safeBins: undefined }).satisfied).toBe(false);
  });
});

describe('evaluateCommand with `*` and bare-name patterns (OpenClaw 2026.9.6)', () => {
  const withPatterns = (...patterns: string[]): EvaluateOptions => ({ ...options, safeBins: [], allowlist: patterns.map((pattern, i) => ({ id: String(i), pattern, agentKey: '*' })) });

  it('`*` covers any program that resolves, and nothing that does not', () => {
    expect(evaluateCommand(['uname', '-a'], withPatterns('*')).satisfied).toBe(true);
    expect(evaluateCommand(sh('uname -a | wc -l'), withPatterns('*')).satisfied).toBe(true);
    expect(evaluateCommand([UNAME], withPatterns('*')).satisfied).toBe(true);
    expect(evaluateCommand(['no-such-program-here'], withPatterns('*')).satisfied).toBe(false);
    expect(evaluateCommand([join(root, 'missing')], withPatterns('*')).satisfied).toBe(false);
    // Still no way around the shell analysis.
    expect(evaluateCommand(sh('eval uname'), withPatterns('*')).satisfied).toBe(false);
    expect(evaluateCommand(sh('uname > x'), withPatterns('*')).satisfied).toBe(false);
  });

  it('a bare name covers the program typed as that name, not typed as a path', () => {
    expect(evaluateCommand(['uname', '-a'], withPatterns('uname')).satisfied).toBe(true);
    expect(evaluateCommand(sh('env LANG=C uname'), withPatterns('UNAME')).satisfied).toBe(true);
    expect(evaluateCommand(['uname'], withPatterns('una*')).satisfied).toBe(true);
    expect(evaluateCommand([UNAME], withPatterns('uname')).satisfied).toBe(false);
    expect(evaluateCommand(['./uname'], withPatterns('uname')).satisfied).toBe(false);
    expect(evaluateCommand(['id'], withPatterns('uname')).satisfied).toBe(false);
  });
});
