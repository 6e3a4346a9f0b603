import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverPlugins, PLUGIN_KEYWORD } from './discover-plugins.js';
import { pluginSearchFolders } from './plugin-search-folders.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'oc-discover-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes `<root>/<folder>/<pkg>/package.json` with this manifest. */
function pkg(folder: string, name: string, manifest: Record<string, unknown>): string {
  const dir = join(root, folder, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
  return dir;
}
const plugin = (extra: Record<string, unknown> = {}) => ({ keywords: ['other', PLUGIN_KEYWORD], ...extra });

describe('discoverPlugins', () => {
  it('finds packages and @scope packages carrying the keyword, by their declared plugin name, and nothing else', () => {
    const echo = pkg('a', 'openclaw-plugin-echo', plugin({ openclawNodes: { name: 'echo' } }));
    const lamp = pkg('a', '@acme/lamp', plugin());
    pkg('a', 'left-pad', { keywords: ['openclaw-plugin'] });
    pkg('a', 'no-keywords', {});
    mkdirSync(join(root, 'a', '.bin'));
    const { plugins, warnings } = discoverPlugins([join(root, 'a'), join(root, 'missing')]);
    expect(plugins.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'echo', packageName: 'openclaw-plugin-echo', version: '1.0.0', dir: echo },
      { name: 'lamp', packageName: '@acme/lamp', version: '1.0.0', dir: lamp },
    ]);
    expect(warnings).toEqual([]);
  });

  it('lets the first folder win a plugin name and marks the later package as shadowed; one package seen twice counts once', () => {
    const first = pkg('a', 'openclaw-plugin-echo', plugin({ openclawNodes: { name: 'echo' } }));
    const second = pkg('b', 'echo-fork', plugin({ openclawNodes: { name: 'echo' } }));
    mkdirSync(join(root, 'c'));
    symlinkSync(first, join(root, 'c', 'openclaw-plugin-echo'));
    const { plugins } = discoverPlugins([join(root, 'a'), join(root, 'b'), join(root, 'c')]);
    expect(plugins.map((p) => [p.dir, p.shadowedBy])).toEqual([
      [first, undefined],
      [second, first],
    ]);
  });

  it('skips what it cannot safely read: a FIFO, an oversized or malformed manifest, a name no plugin may have', () => {
    const fifo = join(root, 'a', 'fifo-pkg');
    mkdirSync(fifo, { recursive: true });
    execFileSync('mkfifo', [join(fifo, 'package.json')]);
    pkg('a', 'big', plugin({ padding: 'x'.repeat(200 * 1024) }));
    mkdirSync(join(root, 'a', 'broken-json'));
    writeFileSync(join(root, 'a', 'broken-json', 'package.json'), '{"keywords": [');
    pkg('a', 'Bad Name', plugin({ openclawNodes: { name: 'Bad Name' } }));
    const ok = pkg('a', 'fine', plugin());
    const { plugins, warnings } = discoverPlugins([join(root, 'a')]);
    expect(plugins).toEqual([expect.objectContaining({ name: 'fine', dir: ok })]);
    // Each is passed over with the reason, so enabling one later is not a mystery.
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('its plugin name "Bad Name" is not lowercase letters'),
        expect.stringMatching(/^plugin discovery skipped .*\/big: .*package\.json/),
        expect.stringMatching(/^plugin discovery skipped .*\/broken-json: .*is not valid JSON/),
        expect.stringMatching(/^plugin discovery skipped .*\/fifo-pkg: /),
      ]),
    );
    expect(warnings).toHaveLength(4);
  });

  it('reads at most maxEntries entries of a folder and says so', () => {
    for (let i = 0; i < 30; i++) pkg('a', `pkg-${i}`, plugin());
    const { plugins, warnings } = discoverPlugins([join(root, 'a')], { maxEntries: 10 });
    expect(plugins.length).toBeLessThanOrEqual(10);
    expect(warnings).toEqual([expect.stringContaining(`plugin discovery read only the first 10 entries of ${join(root, 'a')}`)]);
  });

  it('stops when its time budget is spent and says where', () => {
    pkg('a', 'fine', plugin());
    const { plugins, warnings } = discoverPlugins([join(root, 'a')], { timeBudgetMs: -1 });
    expect(plugins).toEqual([]);
    expect(warnings).toEqual([`plugin discovery stopped after -1 ms in ${join(root, 'a')}; list plugins in plugins.load instead`]);
  });
});

describe('pluginSearchFolders', () => {
  it('reads the config dir, the state dir, the folder openclaw-nodes is installed in, then the global folder of the running Node; never the working dir', () => {
    const installedFile = '/srv/app/node_modules/@openclaw-nodes/core/dist/plugin/plugin-search-folders.js';
    expect(pluginSearchFolders({ configDir: '/etc/oc', stateDir: '/home/me/.openclaw', installedFile, execPath: '/usr/local/bin/node', platform: 'linux' })).toEqual([
      '/etc/oc/node_modules',
      '/home/me/.openclaw/node_modules',
      '/srv/app/node_modules',
      '/usr/local/lib/node_modules',
    ]);
    // A source checkout has no node_modules above its own files; the working directory never counts.
    const before = process.cwd();
    process.chdir(tmpdir());
    try {
      expect(pluginSearchFolders({ configDir: '/s', stateDir: '/s', installedFile: '/src/openclaw-nodes/core/dist/x.js', execPath: '/usr/bin/node', platform: 'linux' })).toEqual(['/s/node_modules', '/usr/lib/node_modules']);
    } finally {
      process.chdir(before);
    }
    expect(pluginSearchFolders({ configDir: '/s', installedFile: '/nowhere.js', execPath: 'C:/node/node.exe', platform: 'win32' }).at(-1)).toBe(join('C:/node', 'node_modules'));
  });
});
