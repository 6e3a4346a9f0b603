import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeJournal, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { discoverPlugins, PLUGIN_KEYWORD, type PluginDefinition } from '@openclaw-nodes/core/plugin';
import { inspectNodePlugins } from './plugin-inventory.js';

const stateDir = mkdtempSync(join(tmpdir(), 'openclaw-inventory-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));
const hostEnv = { platform: 'linux' as NodeJS.Platform, env: {}, display: undefined };

describe('inspectNodePlugins', () => {
  it('reports each plugin as node run would, without starting any, and lists built-ins that are not enabled', async () => {
    const journal = makeJournal();
    const journaled = (name: string, node: Partial<NonNullable<PluginDefinition['node']>> = {}): PluginDefinition => {
      const base = makePlugin(name);
      return { ...base, node: { ...base.node!, start: () => journal.note(`${name}:start`), ...node } };
    };
    const builtins = {
      system: async () => journaled('system'),
      sms: async () => journaled('sms', { available: () => false }),
      camera: async () => journaled('camera', { available: () => Promise.reject(new Error('probe crashed')) }),
      screen: async () => journaled('screen'),
    };
    const entries = await inspectNodePlugins({ stateDir, hostEnv, builtins, plugins: { enabled: ['system', 'sms', 'camera'], load: [], options: {} } });
    expect(entries).toEqual([
      { name: 'system', version: '1.0.0', status: 'ok', source: 'built-in', enabled: true },
      { name: 'sms', version: '1.0.0', status: 'unavailable', message: 'plugin "sms" failed to start: not available on this machine', source: 'built-in', enabled: true },
      { name: 'camera', version: '1.0.0', status: 'failed', code: 'PLUGIN_START_FAILED', message: 'plugin "camera" failed to start: probe crashed', source: 'built-in', enabled: true },
      { name: 'screen', version: '1.0.0', status: 'ok', source: 'built-in', enabled: false },
    ]);
    expect(journal.lines).toEqual([]);
  });
});

describe('inspectNodePlugins with installed keyword packages', () => {
  /** `<stateDir>/<folder>/<pkg>` with a manifest naming plugin `name` and an index.js of `source`. */
  function install(folder: string, pkg: string, name: string, source: string): string {
    const dir = join(stateDir, folder, pkg);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkg, version: '3.1.0', type: 'module', keywords: [PLUGIN_KEYWORD], openclawNodes: { name } }));
    writeFileSync(join(dir, 'index.js'), source);
    return dir;
  }

  it('lists discovered packages as not enabled without importing them, a failed enabled one once, and a shadowed one as a duplicate', async () => {
    install('a', 'oc-idle', 'idle', "throw new Error('imported although not enabled');\n");
    install('a', 'oc-broken', 'broken', "throw new Error('no driver');\n");
    const first = install('a', 'oc-twin', 'twin', "throw new Error('not enabled');\n");
    const second = install('b', 'oc-twin-too', 'twin', "throw new Error('not enabled');\n");
    install('b', 'oc-system', 'system', "throw new Error('never: the built-in wins');\n");
    const discover = () => discoverPlugins([join(stateDir, 'a'), join(stateDir, 'b')]);
    const builtins = { system: async () => makePlugin('system') };
    const entries = await inspectNodePlugins({ stateDir, hostEnv, builtins, discover, plugins: { enabled: ['system', 'broken'], load: [], options: {} } });
    expect(entries).toEqual([
      { name: 'system', version: '1.0.0', status: 'ok', source: 'built-in', enabled: true },
      { name: 'broken', version: '3.1.0', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: expect.stringContaining('no driver'), source: 'package', enabled: true },
      { name: 'idle', version: '3.1.0', status: 'ok', source: 'package', enabled: false },
      { name: 'twin', version: '3.1.0', status: 'ok', source: 'package', enabled: false },
      { name: 'system', version: '3.1.0', status: 'failed', code: 'PLUGIN_DUPLICATE_NAME', message: expect.stringContaining('oc-system is not used: plugin "system" already comes from the built-in plugin'), source: 'package', enabled: false },
      { name: 'twin', version: '3.1.0', status: 'failed', code: 'PLUGIN_DUPLICATE_NAME', message: `${second} is not used: plugin "twin" already comes from ${first}`, source: 'package', enabled: false },
    ]);
  });
});
