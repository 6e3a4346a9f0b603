import { realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeRunnerKind } from './code-runners.js';
import { evaluateCommand, type EvaluateOptions } from './evaluate-command.js';
import { trustedDirs } from './resolve-executable.js';

const SHELL = realpathSync('/bin/sh');
const ID = realpathSync('/usr/bin/id');
const options = (patterns: string[]): EvaluateOptions => ({
  cwd: '/',
  pathEnv: '/usr/local/bin:/usr/bin:/bin',
  home: '/nonexistent',
  allowlist: patterns.map((pattern, i) => ({ id: String(i), pattern, agentKey: '*' })),
  trusted: trustedDirs(undefined),
});

describe('codeRunnerKind', () => {
  it.each([
    [['/bin/sh', SHELL], 'shell'],
    [['/usr/bin/python3.11'], 'interpreter'],
    [['perl'], 'interpreter'],
    [['timeout'], 'wrapper'],
    [['/usr/bin/xargs'], 'wrapper'],
    [['/tmp/x/uname', SHELL], 'shell'],
    [['/usr/bin/id'], undefined],
  ])('%j is %s', (names, kind) => expect(codeRunnerKind(...names)).toBe(kind));
});

describe('evaluateCommand with shells, interpreters and wrappers', () => {
  it('judges a nested `sh -c` by the programs of its script', () => {
    const result = evaluateCommand(['/bin/sh', '-c', `/bin/sh -c 'sh -c ${ID}'`], options([ID]));
    expect(result).toMatchObject({ analysisOk: true, satisfied: true });
    expect(result.segments.map((s) => s.resolved.realPath)).toEqual([ID]);
  });

  it('refuses to analyse shells nested deeper than three', () => {
    const result = evaluateCommand(['/bin/sh', '-c', `sh -c "sh -c 'sh -c id'"`], options([ID]));
    expect(result).toMatchObject({ analysisOk: false, satisfied: false, reason: expect.stringContaining('nested') });
  });

  it.each([
    ['a shell given a script file', ['/bin/sh', '/tmp/script.sh']],
    ['a shell with options before -c', ['/bin/sh', '-e', '-c', 'rm -rf /tmp/x']],
    ['a shell inside a script with options before -c', ['/bin/sh', '-c', "sh -e -c 'rm -rf /tmp/x'"]],
    ['a shell whose script is expanded', ['/bin/sh', '-c', 'sh -c "$X"']],
  ])('an allowlisted shell does not cover %s', (_what, argv) => {
    const result = evaluateCommand(argv, options([SHELL]));
    expect(result.satisfied).toBe(false);
  });

  it('an allowlisted wrapper does not cover what it runs, but `*` still covers everything', () => {
    const timeout = realpathSync('/usr/bin/timeout');
    expect(evaluateCommand(['timeout', '5', 'rm', '-rf', '/tmp/x'], options([timeout])).satisfied).toBe(false);
    const star = evaluateCommand(['timeout', '5', 'id'], options(['*']));
    expect(star).toMatchObject({ satisfied: true });
    expect(star.segments[0].runner).toBe('wrapper');
  });
});
