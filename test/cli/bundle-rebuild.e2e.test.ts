import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, ROOT } from '../support/paths.js';

// A rebuild of the short commands' bundle (the test setup runs one before every test run) while
// commands start. Run on a copy of the CLI package inside the repository, where its imports
// resolve, so the build every other test runs is left alone.
let work: string;
let copy: string;

beforeAll(() => {
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'openclaw-bundle-rebuild-'));
  copy = join(work, 'cli');
  for (const part of ['bin', 'scripts', 'dist', 'package.json']) cpSync(join(CLI_DIR, part), join(copy, part), { recursive: true });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** What a command starting now would find in dist/bundle: null when there is none. */
function bundleState(): { files: string[]; complete: boolean } | null {
  const dir = join(copy, 'dist', 'bundle');
  try {
    const files = readdirSync(dir).filter((file) => !file.endsWith('.tmp')).sort();
    const source = files.includes('cli.cjs') ? readFileSync(join(dir, 'cli.cjs'), 'utf8') : '';
    return { files, complete: source.trimEnd().endsWith('//# sourceMappingURL=cli.cjs.map') };
  } catch {
    return null;
  }
}

describe('rebuilding the short commands bundle', () => {
  it('never shows a command a bundle directory without its starter, or a half-written bundle', async () => {
    const build = spawn(process.execPath, [join(copy, 'scripts', 'bundle.js')], { cwd: copy, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    build.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<number | null>((resolve) => build.on('exit', (code) => resolve(code)));
    let exited = false;
    void done.then(() => (exited = true));
    const seen = new Set<string>();
    let looks = 0;
    while (!exited) {
      const state = bundleState();
      looks += 1;
      if (state !== null && state.files.length > 0) {
        const whole = ['cli.cjs', 'cli.cjs.map', 'start.cjs'].every((file) => state.files.includes(file)) && state.complete;
        if (!whole) seen.add(state.files.join(' '));
      }
      await turn();
    }
    expect(await done, stderr).toBe(0);
    // The build took long enough to be looked at many times.
    expect(looks).toBeGreaterThan(10);
    expect([...seen]).toEqual([]);
    expect(bundleState()?.files).toEqual(['cli.cjs', 'cli.cjs.cache', 'cli.cjs.map', 'start.cjs', 'start.cjs.map']);
    expect(readdirSync(join(copy, 'dist')).filter((name) => name.startsWith('bundle.'))).toEqual([]);
  });
});
