import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PluginDefinition } from './contract.js';
import { discoverPlugins, PLUGIN_KEYWORD } from './discover-plugins.js';
import { resolvePlugins } from './plugin-loader.js';

let baseDir: string;
let modules: string;

/** Writes `files` (path → content) below `node_modules` of the temp base dir. */
function write(files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(modules, path)), { recursive: true });
    writeFileSync(join(modules, path), content);
  }
}

/** A plugin module that leaves `<name>.imported` beside it when imported: proof of what ran. */
const pluginSource = (name: string, marker = name) =>
  `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./${marker}.imported', import.meta.url), '');\n` +
  `export default { name: ${JSON.stringify(name)}, version: '2.0.0', caps: [], commands: [], node: { handlers: () => ({}) } };\n`;
const manifest = (name: string, plugin: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name, version: '2.0.0', type: 'module', keywords: [PLUGIN_KEYWORD], openclawNodes: { name: plugin }, ...extra });

const builtins = { system: async (): Promise<PluginDefinition> => ({ name: 'system', version: '0.1.0', caps: [], commands: [], node: { handlers: () => ({}) } }) };
const imported = (pkg: string, marker: string) => existsSync(join(modules, pkg, `${marker}.imported`));

beforeAll(() => {
  baseDir = mkdtempSync(join(tmpdir(), 'oc-loader-discovery-'));
  modules = join(baseDir, 'node_modules');
  write({
    'openclaw-plugin-echo/package.json': manifest('openclaw-plugin-echo', 'echo'),
    'openclaw-plugin-echo/index.js': pluginSource('echo'),
    'openclaw-plugin-lamp/package.json': manifest('openclaw-plugin-lamp', 'lamp', { exports: { '.': './index.js', './gateway': './gateway.js' } }),
    'openclaw-plugin-lamp/index.js': pluginSource('lamp'),
    'openclaw-plugin-lamp/gateway.js': pluginSource('lamp', 'lamp-gateway'),
    'openclaw-plugin-broken/package.json': JSON.stringify({ name: 'openclaw-plugin-broken', version: '0.0.7', type: 'module', keywords: [PLUGIN_KEYWORD], openclawNodes: { name: 'broken' } }),
    'openclaw-plugin-broken/index.js': "throw new Error('no native driver');\n",
    'canvas-impostor/package.json': manifest('canvas-impostor', 'canvas'),
    'canvas-impostor/index.js': pluginSource('canvas'),
    'misnamed/package.json': manifest('misnamed', 'fan'),
    'misnamed/index.js': pluginSource('ventilator'),
  });
});
afterAll(() => rmSync(baseDir, { recursive: true, force: true }));

const discover = () => discoverPlugins([modules]);
const optional = (name: string) => name !== 'system';

describe('resolvePlugins with discovered packages', () => {
  it('runs a discovered package only when enabled names it, and imports no other discovered code', async () => {
    const { plugins, sources } = await resolvePlugins({ config: { enabled: ['system', 'echo'] }, builtins, defaults: ['system'], baseDir, discover, optional });
    expect(plugins.map((p) => p.name)).toEqual(['system', 'echo']);
    expect(sources.get('echo')).toBe('package');
    expect(imported('openclaw-plugin-echo', 'echo')).toBe(true);
    expect(imported('openclaw-plugin-lamp', 'lamp') || imported('misnamed', 'ventilator')).toBe(false);
  });

  it('does not even scan when enabled is unset or names only known plugins', async () => {
    const spy = vi.fn(discover);
    await resolvePlugins({ config: {}, builtins, defaults: ['system'], baseDir, discover: spy });
    await resolvePlugins({ config: { enabled: ['system'] }, builtins, defaults: ['system'], baseDir, discover: spy });
    expect(spy).not.toHaveBeenCalled();
  });

  it('imports the ./gateway export when asked for that subpath and the package has one', async () => {
    const { plugins } = await resolvePlugins({ config: { enabled: ['lamp'] }, builtins, defaults: [], baseDir, discover, subpath: './gateway' });
    expect(plugins.map((p) => p.name)).toEqual(['lamp']);
    expect(imported('openclaw-plugin-lamp', 'lamp-gateway')).toBe(true);
    expect(imported('openclaw-plugin-lamp', 'lamp')).toBe(false);
  });

  it('reports an optional package that throws at import as dropped with its package version; a required one throws', async () => {
    const args = { config: { enabled: ['system', 'broken'] }, builtins, defaults: [], baseDir, discover };
    const { plugins, failed } = await resolvePlugins({ ...args, optional });
    expect(plugins.map((p) => p.name)).toEqual(['system']);
    expect(failed).toEqual([{ name: 'broken', version: '0.0.7', status: 'dropped', code: 'PLUGIN_LOAD_FAILED', reason: expect.stringContaining('no native driver') }]);
    await expect(resolvePlugins(args)).rejects.toMatchObject({ code: 'PLUGIN_LOAD_FAILED' });
  });

  it('reports an enabled optional plugin that is installed nowhere as dropped with PLUGIN_NOT_FOUND, and runs the rest', async () => {
    const args = { config: { enabled: ['system', 'ghost'] }, builtins, defaults: [], baseDir, discover };
    const { plugins, failed } = await resolvePlugins({ ...args, optional });
    expect(plugins.map((p) => p.name)).toEqual(['system']);
    expect(failed).toEqual([expect.objectContaining({ name: 'ghost', status: 'dropped', code: 'PLUGIN_NOT_FOUND', reason: expect.stringContaining('known plugins: system, fan, broken, echo, lamp') })]);
    await expect(resolvePlugins(args)).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND' });
  });

  it('never runs a discovered package that takes a first-party plugin name, even where that built-in is not part of the host', async () => {
    const { plugins, failed } = await resolvePlugins({ config: { enabled: ['system', 'canvas'] }, builtins, defaults: [], baseDir, discover, optional });
    expect(plugins.map((p) => p.name)).toEqual(['system']);
    expect(failed).toEqual([expect.objectContaining({ name: 'canvas', code: 'PLUGIN_NOT_FOUND' })]);
    expect(imported('canvas-impostor', 'canvas')).toBe(false);
  });

  it('keeps the package version of a failing plugins.load package too', async () => {
    const { failed } = await resolvePlugins({ config: { load: ['openclaw-plugin-broken'] }, builtins, defaults: [], baseDir, optional: () => true });
    expect(failed).toEqual([expect.objectContaining({ name: 'openclaw-plugin-broken', version: '0.0.7', code: 'PLUGIN_LOAD_FAILED' })]);
  });

  it('refuses a package whose plugin does not carry the name its package.json declares (PLUGIN_INVALID)', async () => {
    await expect(resolvePlugins({ config: { enabled: ['fan'] }, builtins, defaults: [], baseDir, discover })).rejects.toMatchObject({
      code: 'PLUGIN_INVALID',
      message: 'plugin package "misnamed" is discovered as "fan" but its plugin calls itself "ventilator"; set openclawNodes.name in its package.json to "ventilator"',
    });
  });
});
