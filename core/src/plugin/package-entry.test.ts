import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { packageEntry } from './package-entry.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oc-package-entry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function pkg(manifest: unknown, files: string[]): void {
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
}

describe('packageEntry with a subpath', () => {
  it('finds a ./cli export under the import conditions, skipping ones Node would not match', () => {
    pkg({ main: 'index.js', exports: { '.': './index.js', './cli': { types: './cli.d.ts', default: './dist/cli.js' } } }, ['index.js', 'dist/cli.js']);
    expect(packageEntry(dir, './cli')).toBe(join(dir, 'dist/cli.js'));
    expect(packageEntry(dir)).toBe(join(dir, 'index.js'));
  });

  it('has no ./cli entry without that export: main and index.js are not CLI entries', () => {
    pkg({ main: 'index.js', exports: './index.js' }, ['index.js', 'cli.js']);
    expect(packageEntry(dir, './cli')).toBeUndefined();
    pkg({ main: 'index.js' }, ['index.js']);
    expect(packageEntry(dir, './cli')).toBeUndefined();
  });
});
