import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { packageEntry } from './package-entry.js';
import { MAX_MANIFEST_BYTES, readManifest } from './read-manifest.js';

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

describe('packageEntry resolving exports as Node does', () => {
  it('follows subpath patterns and condition arrays', () => {
    pkg({ exports: { '.': [{ worker: './worker.js' }, './main.js'], './*': './lib/*.js' } }, ['main.js', 'lib/cli.js']);
    expect(packageEntry(dir)).toBe(join(dir, 'main.js'));
    expect(packageEntry(dir, './cli')).toBe(join(dir, 'lib/cli.js'));
  });

  it('offers only what exports maps once there is one: main is not a fallback for an import', () => {
    pkg({ main: 'index.cjs', exports: { '.': { require: './index.cjs' } } }, ['index.cjs', 'index.js']);
    expect(packageEntry(dir)).toBeUndefined();
  });

  it('never answers a file outside the package directory', () => {
    writeFileSync(join(dir, '..', `${dir.split('/').pop()}-outside.js`), '');
    pkg({ exports: { '.': './index.js', './cli': `./../${dir.split('/').pop()}-outside.js` } }, ['index.js']);
    expect(packageEntry(dir, './cli')).toBeUndefined();
    rmSync(join(dir, '..', `${dir.split('/').pop()}-outside.js`));
  });

  it('reads no manifest that is not a small regular file: a FIFO does not stall it, an oversized one is refused', () => {
    execFileSync('mkfifo', [join(dir, 'package.json')]);
    writeFileSync(join(dir, 'index.js'), '');
    expect(packageEntry(dir)).toBeUndefined();
    rmSync(join(dir, 'package.json'));
    pkg({ main: 'index.js', padding: 'x'.repeat(MAX_MANIFEST_BYTES) }, ['index.js']);
    expect(packageEntry(dir)).toBeUndefined();
    expect(readManifest(dir)).toMatch(/more than the 131072 it may have$/);
  });
});
