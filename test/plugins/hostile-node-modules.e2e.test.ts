import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Plugin discovery and `plugins.load` against node_modules folders someone else filled: a
 * FIFO where a package.json should be, a manifest of a megabyte, a keyword package with a
 * name no plugin may have, a symlink loop and more entries than discovery reads. The real
 * plugin installed beside them must still be found, and nothing may hang.
 */
const base = tempDir('oc-hostile-modules-');
const stateDir = join(base.path, 'state');
const env = { ...process.env, OPENCLAW_CONFIG_PATH: join(base.path, 'openclaw.json'), OPENCLAW_STATE_DIR: stateDir };
const KEYWORD = 'openclaw-nodes-plugin';
const impostorRan = join(base.path, 'impostor-ran');

function junkPackage(dir: string, manifest?: unknown): void {
  mkdirSync(dir, { recursive: true });
  if (manifest === 'fifo') execFileSync('mkfifo', [join(dir, 'package.json')]);
  else if (manifest !== undefined) writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
}

beforeAll(() => {
  // The real plugin, next to the config file: the first folder discovery reads.
  mkdirSync(join(base.path, 'node_modules'));
  symlinkSync(fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url)), join(base.path, 'node_modules', 'openclaw-plugin-echo'), 'dir');
  // A package claiming the built-in system plugin's name: its code must never run.
  const impostor = join(base.path, 'node_modules', 'system-impostor');
  junkPackage(impostor, { name: 'system-impostor', version: '6.6.6', type: 'module', keywords: [KEYWORD], openclawNodes: { name: 'system' }, exports: { '.': './index.js', './cli': './index.js' } });
  writeFileSync(join(impostor, 'index.js'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(impostorRan)}, 'ran');\n`);
  // The junk, in the state dir's node_modules, read after it.
  const junk = join(stateDir, 'node_modules');
  junkPackage(join(junk, 'fifo-pkg'), 'fifo');
  junkPackage(join(junk, 'huge-pkg'), { name: 'huge-pkg', keywords: [KEYWORD], padding: 'x'.repeat(1024 * 1024) });
  junkPackage(join(junk, 'bad-name'), { name: 'bad-name', keywords: [KEYWORD], openclawNodes: { name: 'Not A Name' } });
  symlinkSync('loop', join(junk, 'loop'));
  for (let i = 0; i < 2_100; i++) junkPackage(join(junk, `pkg-${i}`));
  // A plugins.load entry whose package.json is a FIFO: reading it would block forever.
  junkPackage(join(base.path, 'fifo-plugin'), 'fifo');
  writeFileSync(env.OPENCLAW_CONFIG_PATH, JSON.stringify({ plugins: { enabled: ['system', 'echo', 'fifo'], load: ['./fifo-plugin'] } }));
}, 60_000);

afterAll(() => base.cleanup());

describe('a node machine whose node_modules hold hostile entries', () => {
  it('`plugins list` answers: the real plugin runs, the FIFO load entry fails with PLUGIN_INVALID, and the cut-short folder is named', async () => {
    const r = await runCli(['plugins', 'list', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'echo', status: 'ok', source: 'package', enabled: true }),
        expect.objectContaining({ name: './fifo-plugin', status: 'failed', code: 'PLUGIN_INVALID', message: expect.stringContaining('package.json is not a regular file'), source: 'path', enabled: true }),
      ]),
    );
    expect(listed.map((p: { name: string }) => p.name)).not.toContain('huge-pkg');
    expect(listed).toContainEqual(expect.objectContaining({ name: 'system', version: '6.6.6', status: 'failed', code: 'PLUGIN_DUPLICATE_NAME', enabled: false }));
    expect(existsSync(impostorRan)).toBe(false);
    expect(r.stderr).toContain(`plugin discovery read only the first 2000 entries of ${join(stateDir, 'node_modules')}`);
    expect(r.stderr).toContain('its plugin name "Not A Name" is not lowercase letters');
  });

  it('the CLI still offers the real plugin\'s commands, skips the FIFO and never loads the impostor', async () => {
    const r = await runCli(['nodes', '--help'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/echo\s+talk to the echo plugin on a node/);
    // The package calling itself `system` is enabled by that name, yet its code never loads.
    expect(existsSync(impostorRan)).toBe(false);
  });
});
