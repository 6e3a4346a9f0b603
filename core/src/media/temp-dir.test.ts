import { chmodSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { openclawTempDir } from './temp-dir.js';

let root: { path: string; cleanup: () => void };
beforeEach(() => {
  root = tempDir('openclaw-media-');
});
afterEach(() => root.cleanup());

const uid = process.getuid!();
const facts = (preferred: string) => ({ preferred, tmpRoot: join(root.path, 'tmp'), uid });
const fallback = () => join(root.path, 'tmp', `openclaw-${uid}`);

describe('the OpenClaw temp dir', () => {
  it('creates the fixed directory with mode 0700 when it does not exist yet', () => {
    const preferred = join(root.path, 'openclaw');
    expect(openclawTempDir(facts(preferred))).toBe(preferred);
    expect(statSync(preferred).mode & 0o777).toBe(0o700);
  });

  it('keeps using an existing private directory of ours', () => {
    const preferred = join(root.path, 'openclaw');
    mkdirSync(preferred, { mode: 0o755 });
    expect(openclawTempDir(facts(preferred))).toBe(preferred);
  });

  it('falls back to <tmpdir>/openclaw-<uid> when the fixed one is a symlink', () => {
    const target = join(root.path, 'elsewhere');
    mkdirSync(target);
    symlinkSync(target, join(root.path, 'openclaw'));
    expect(openclawTempDir(facts(join(root.path, 'openclaw')))).toBe(fallback());
    expect(statSync(fallback()).mode & 0o777).toBe(0o700);
  });

  it('falls back when the fixed one is group- or world-writable', () => {
    const preferred = join(root.path, 'openclaw');
    mkdirSync(preferred);
    chmodSync(preferred, 0o777);
    expect(openclawTempDir(facts(preferred))).toBe(fallback());
  });

  it('refuses a fallback another user could have planted: symlinked, writable by others, or not ours', () => {
    const preferred = join(root.path, 'openclaw');
    mkdirSync(preferred, { mode: 0o777 });
    chmodSync(preferred, 0o777);
    mkdirSync(join(root.path, 'tmp'));
    mkdirSync(fallback(), { mode: 0o777 });
    chmodSync(fallback(), 0o777);
    expect(() => openclawTempDir(facts(preferred))).toThrow(/is a private directory of this user/);
    rmSync(fallback(), { recursive: true });
    mkdirSync(join(root.path, 'theirs'));
    symlinkSync(join(root.path, 'theirs'), fallback());
    expect(() => openclawTempDir(facts(preferred))).toThrow(/is a private directory of this user/);
    // Both directories belong to the user running the test, so not to uid + 1.
    chmodSync(preferred, 0o700);
    expect(() => openclawTempDir({ ...facts(preferred), uid: uid + 1 })).toThrow(/is a private directory of this user/);
  });

  it('falls back when the fixed path is a file', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(root.path, 'openclaw'), 'not a dir');
    expect(openclawTempDir(facts(join(root.path, 'openclaw')))).toBe(fallback());
  });
});
