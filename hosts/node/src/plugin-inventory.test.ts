import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeJournal, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import type { PluginDefinition } from '@openclaw-nodes/core/plugin';
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
