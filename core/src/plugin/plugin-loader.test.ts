import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginDefinition } from './contract.js';
import { resolvePluginSet, type BuiltinPlugins } from './plugin-loader.js';

let baseDir: string;

/** Writes `files` (path → content) below the temp base dir. */
function write(files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(baseDir, path)), { recursive: true });
    writeFileSync(join(baseDir, path), content);
  }
}

const pluginSource = (name: string, exportAs = 'export default') =>
  `${exportAs} { name: ${JSON.stringify(name)}, version: '1.0.0', caps: [${JSON.stringify(name)}], commands: [], node: { handlers: () => ({}) } };\n`;

const builtin = (name: string, imported: string[]) => async (): Promise<PluginDefinition> => {
  imported.push(name);
  return { name, version: '0.1.0', caps: [name], commands: [], node: { handlers: () => ({}) } };
};

const names = (plugins: PluginDefinition[]) => plugins.map((p) => p.name);

beforeAll(() => {
  baseDir = mkdtempSync(join(tmpdir(), 'openclaw-plugin-loader-'));
  write({
    'plugins/local.mjs': pluginSource('local'),
    'plugins/bundle/package.json': JSON.stringify({ name: 'bundle', type: 'module', exports: { '.': { require: './nope.cjs', import: './lib/main.js' } } }),
    'plugins/bundle/lib/main.js': pluginSource('bundle', 'export const plugin ='),
    'node_modules/@acme/openclaw-plugin-lamp/package.json': JSON.stringify({ name: '@acme/openclaw-plugin-lamp', type: 'module', exports: { import: './lamp.js' } }),
    'node_modules/@acme/openclaw-plugin-lamp/lamp.js': pluginSource('lamp'),
    'plugins/throws.mjs': "throw new Error('needs a display');\n",
    'plugins/empty.mjs': 'export const nothing = 1;\n',
    'plugins/wrong.mjs': "export default { name: 'wrong', version: 'latest' };\n",
    'plugins/system.mjs': pluginSource('system'),
  });
});

afterAll(() => rmSync(baseDir, { recursive: true, force: true }));

describe('resolvePluginSet', () => {
  it('loads files, directories and packages, and uses defaults plus every loaded plugin when enabled is unset', async () => {
    const imported: string[] = [];
    const builtins: BuiltinPlugins = { system: builtin('system', imported), camera: builtin('camera', imported) };
    const plugins = await resolvePluginSet({
      config: { load: ['./plugins/local.mjs', join(baseDir, 'plugins/bundle'), '@acme/openclaw-plugin-lamp'] },
      builtins,
      defaults: ['system'],
      baseDir,
    });
    expect(names(plugins)).toEqual(['system', 'local', 'bundle', 'lamp']);
    expect(imported).toEqual(['system']);
  });

  it('imports only the enabled built-ins and keeps the enabled order', async () => {
    const imported: string[] = [];
    const builtins: BuiltinPlugins = { system: builtin('system', imported), camera: builtin('camera', imported), sms: builtin('sms', imported) };
    const plugins = await resolvePluginSet({ config: { enabled: ['local', 'camera'], load: ['./plugins/local.mjs'] }, builtins, defaults: ['system'], baseDir });
    expect(names(plugins)).toEqual(['local', 'camera']);
    expect(imported).toEqual(['camera']);
  });

  it('answers an enabled name it does not know with PLUGIN_NOT_FOUND listing the known names', async () => {
    const builtins: BuiltinPlugins = { system: builtin('system', []) };
    await expect(resolvePluginSet({ config: { enabled: ['sytem'], load: [] }, builtins, defaults: [], baseDir })).rejects.toMatchObject({
      code: 'PLUGIN_NOT_FOUND',
      message: expect.stringContaining('plugin "sytem" is neither built in, loaded nor installed with the openclaw-nodes-plugin keyword; known plugins: system'),
    });
  });

  it('says what was looked up where when a path or package is missing (PLUGIN_NOT_FOUND)', async () => {
    const args = { builtins: {}, defaults: [], baseDir };
    await expect(resolvePluginSet({ ...args, config: { load: ['./plugins/gone.mjs'] } })).rejects.toMatchObject({
      code: 'PLUGIN_NOT_FOUND',
      message: `plugin path "./plugins/gone.mjs" does not exist (resolved to ${join(baseDir, 'plugins/gone.mjs')} from ${baseDir})`,
    });
    await expect(resolvePluginSet({ ...args, config: { load: ['openclaw-plugin-nowhere'] } })).rejects.toMatchObject({
      code: 'PLUGIN_NOT_FOUND',
      message: expect.stringContaining(`plugin package "openclaw-plugin-nowhere" not found in node_modules above ${baseDir}`),
    });
    await expect(resolvePluginSet({ ...args, config: { load: ['plugins/local.mjs'] } })).rejects.toMatchObject({
      code: 'PLUGIN_NOT_FOUND',
      message: expect.stringContaining(`to load the path ${join(baseDir, 'plugins/local.mjs')}, write "./plugins/local.mjs"`),
    });
  });

  it('reports a module that throws on import (PLUGIN_LOAD_FAILED) or exports no plugin (PLUGIN_INVALID)', async () => {
    const args = { builtins: {}, defaults: [], baseDir };
    const err = await resolvePluginSet({ ...args, config: { load: ['./plugins/throws.mjs'] } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PLUGIN_LOAD_FAILED', message: expect.stringContaining('threw while loading: needs a display') });
    expect((err as Error).cause).toBeInstanceOf(Error);

    await expect(resolvePluginSet({ ...args, config: { load: ['./plugins/empty.mjs'] } })).rejects.toMatchObject({
      code: 'PLUGIN_INVALID',
      message: expect.stringContaining('has no default export and no export named "plugin"'),
    });
    await expect(resolvePluginSet({ ...args, config: { load: ['./plugins/wrong.mjs'] } })).rejects.toMatchObject({
      code: 'PLUGIN_INVALID',
      message: expect.stringContaining('version: expected a semver version'),
    });
  });

  it('refuses a loaded plugin that takes the name of a built-in (PLUGIN_DUPLICATE_NAME)', async () => {
    await expect(
      resolvePluginSet({ config: { load: ['./plugins/system.mjs'] }, builtins: { system: builtin('system', []) }, defaults: [], baseDir }),
    ).rejects.toMatchObject({ code: 'PLUGIN_DUPLICATE_NAME' });
  });
});
