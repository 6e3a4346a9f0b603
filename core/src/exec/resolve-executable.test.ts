import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTrusted, resolveExecutable, trustedDirs } from './resolve-executable.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'openclaw-resolve-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function exe(dir: string, name: string, mode = 0o755): string {
  mkdirSync(join(root, dir), { recursive: true });
  const path = join(root, dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

describe('resolveExecutable', () => {
  const bin = join(root, 'bin');
  const tool = exe('bin', 'tool');
  exe('bin', 'data', 0o644);
  const opts = { cwd: root, pathEnv: `relative:${bin}`, home: join(root, 'home') };

  it('finds a bare name on absolute PATH entries only, and not a non-executable file', () => {
    expect(resolveExecutable('tool', opts)).toEqual({ path: tool, realPath: tool, candidate: tool });
    expect(resolveExecutable('data', opts)).toEqual({});
    expect(resolveExecutable('missing', opts)).toEqual({});
  });

  it('resolves path-like tokens against cwd and ~ against home', () => {
    expect(resolveExecutable('./bin/tool', opts).candidate).toBe(tool);
    const home = exe('home/bin', 'mine');
    expect(resolveExecutable('~/bin/mine', opts).candidate).toBe(home);
    expect(resolveExecutable('./bin/nope', opts)).toEqual({ candidate: join(root, 'bin', 'nope') });
  });

  it('follows symlinks: the candidate is the target, which is what runs', () => {
    mkdirSync(join(root, 'links'));
    symlinkSync('/bin/sh', join(root, 'links', 'uname'));
    const resolved = resolveExecutable(join(root, 'links', 'uname'), opts);
    expect(resolved.path).toBe(join(root, 'links', 'uname'));
    expect(resolved.candidate).toBe(realpathSync('/bin/sh'));
  });

  it('trusts only binaries that live, link target included, in system directories', () => {
    const trusted = trustedDirs(undefined);
    expect(isTrusted(resolveExecutable('sh', { ...opts, pathEnv: '/usr/bin:/bin' }), trusted)).toBe(true);
    expect(isTrusted(resolveExecutable(tool, opts), trusted)).toBe(false);
    expect(isTrusted(resolveExecutable(tool, opts), trustedDirs(bin))).toBe(true);
    expect(isTrusted(resolveExecutable(join(root, 'links', 'uname'), opts), trusted)).toBe(false);
  });
});
