import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemService } from './system-service.js';

let root: string;

/** Creates `dir/name` with `mode` below the temp root and returns the dir. */
function file(dir: string, name: string, mode: number): string {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, name), '#!/bin/sh\necho hi\n');
  chmodSync(join(root, dir, name), mode);
  return join(root, dir);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'openclaw-which-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('SystemService.which', () => {
  const service = new SystemService();

  it('finds an executable file but not a non-executable file or a directory', async () => {
    const bin = file('bin', 'tool', 0o755);
    file('bin', 'notes', 0o644);
    mkdirSync(join(bin, 'folder'));
    await expect(service.which(['tool', 'notes', 'folder'], bin)).resolves.toEqual({ tool: join(bin, 'tool') });
  });

  it('takes the first match along PATH and skips empty and relative entries', async () => {
    const first = file('first', 'dup', 0o755);
    const second = file('second', 'dup', 0o755);
    const rel = file('rel', 'only-relative', 0o755);
    const pathEnv = ['', relative(process.cwd(), rel), first, second].join(delimiter);
    await expect(service.which(['dup', 'only-relative'], pathEnv)).resolves.toEqual({ dup: join(first, 'dup') });
  });

  it('finds a binary installed right before the call, after a call that did not find it', async () => {
    const bin = join(root, 'late-bin');
    mkdirSync(bin);
    const fresh = new SystemService();
    await expect(fresh.which(['late'], bin)).resolves.toEqual({});
    file('late-bin', 'late', 0o755);
    await expect(fresh.which(['late'], bin)).resolves.toEqual({ late: join(bin, 'late') });
    rmSync(join(bin, 'late'));
    await expect(fresh.which(['late'], bin)).resolves.toEqual({});
  });

  it('never resolves names that contain a path separator or are dot entries', async () => {
    const bin = file('sep', 'tool', 0o755);
    file('sep/sub', 'inner', 0o755);
    await expect(service.which(['sub/inner', '../sep/tool', join(bin, 'tool'), '..', '.', 'sub\\inner'], bin)).resolves.toEqual({});
  });
});
