import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigReader } from './config-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'openclaw-config-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'openclaw.json');
const write = (value: unknown, mtime: number) => {
  writeFileSync(file, JSON.stringify(value));
  utimesSync(file, mtime, mtime);
};

describe('ConfigReader', () => {
  const reader = new ConfigReader({ env: { OPENCLAW_STATE_DIR: dir }, cwd: dir });

  it('reads defaults before the file exists, then the file once it appears', async () => {
    expect((await reader.read()).tools.exec.node).toBeUndefined();
    write({ tools: { exec: { node: 'a' } } }, 1_000);
    expect((await reader.read()).tools.exec.node).toBe('a');
    expect(reader.latest()?.tools.exec.node).toBe('a');
  });

  it('returns the same object while the file is unchanged, and re-reads it when it changes', async () => {
    const first = await reader.read();
    expect(await reader.read()).toBe(first);
    write({ tools: { exec: { node: 'b' } } }, 2_000);
    expect((await reader.read()).tools.exec.node).toBe('b');
  });

  it('fails with CONFIG_INVALID, naming the key, when an edit breaks the file', async () => {
    write({ tools: { exec: { host: 'moon' } } }, 3_000);
    await expect(reader.read()).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('tools.exec.host') });
  });
});
