import { describe, expect, it } from 'vitest';
import { findShellWrapper, formatArgv, parseEnvPrefix } from './command-wrappers.js';

describe('parseEnvPrefix', () => {
  it.each([
    [['uname'], 0],
    [['env', 'uname', '-a'], 1],
    [['/usr/bin/env', '-i', 'LANG=C', 'uname'], 3],
    [['env', '-u', 'TERM', '--unset=LANG', '--', 'uname'], 5],
    [['env'], 1],
  ])('finds the command in %j at %i', (argv, index) => {
    expect(parseEnvPrefix(argv)).toEqual({ ok: true, commandIndex: index });
  });

  it.each([
    [['env', 'LD_PRELOAD=/tmp/x.so', 'uname'], 'env assignment not allowed: LD_PRELOAD'],
    [['env', 'PATH=/tmp/evil', 'uname'], 'env assignment not allowed: PATH'],
    [['env', 'path=/tmp/evil', 'uname'], 'env assignment not allowed: path'],
    [['env', 'NODE_OPTIONS=--require=/tmp/x', 'node'], 'env assignment not allowed: NODE_OPTIONS'],
    [['env', '-S', 'sh -c id'], 'unsupported env option: -S'],
    [['env', '--chdir=/tmp', 'uname'], 'unsupported env option: --chdir=/tmp'],
  ])('refuses %j', (argv, reason) => {
    expect(parseEnvPrefix(argv)).toEqual({ ok: false, reason });
  });
});

describe('findShellWrapper', () => {
  it.each([
    [['/bin/sh', '-lc', 'uname -a'], { shellIndex: 0, script: 'uname -a' }],
    [['bash', '-c', 'id'], { shellIndex: 0, script: 'id' }],
    [['zsh', '--command', 'id'], { shellIndex: 0, script: 'id' }],
    [['env', 'LANG=C', 'sh', '-C', 'id'], { shellIndex: 2, script: 'id' }],
    [['sh', '-l', '-c', 'id'], undefined],
    [['python3', '-c', 'print(1)'], undefined],
    [['sh', '-c'], undefined],
  ])('recognises %j', (argv, wrapper) => {
    expect(findShellWrapper(argv)).toEqual(wrapper);
  });
});

describe('formatArgv', () => {
  it('quotes words with spaces or quotes, as the real node host shows commands', () => {
    expect(formatArgv(['echo', 'hello'])).toBe('echo hello');
    expect(formatArgv(['echo', 'a b', 'say "x"', ''])).toBe('echo "a b" "say \\"x\\"" ""');
  });
});
