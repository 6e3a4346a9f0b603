import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginsConfigSchema, resolvePluginSet, type BuiltinPlugins, type PluginHost } from '@openclaw-nodes/core/plugin';
import systemPlugin from '@openclaw-nodes/plugin-system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContext, makeHost } from '../fixtures/plugins/plugin-factories.js';

const echoPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url));
const builtins: BuiltinPlugins = { system: async () => (await import('@openclaw-nodes/plugin-system')).default };

let stateDir: string;

beforeAll(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'openclaw-state-'));
  // Installed the way npm links a local package; node_modules is never committed.
  mkdirSync(join(stateDir, 'node_modules'));
  symlinkSync(echoPackage, join(stateDir, 'node_modules', 'openclaw-plugin-echo'), 'dir');
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** Writes `openclaw.json` with this `plugins` section, reads it back and starts a node host on it. */
async function startNodeHost(plugins: unknown): Promise<PluginHost> {
  const configFile = join(stateDir, 'openclaw.json');
  writeFileSync(configFile, JSON.stringify({ plugins }, null, 2));
  const config = pluginsConfigSchema.parse(JSON.parse(readFileSync(configFile, 'utf8')).plugins);
  const set = await resolvePluginSet({ config, builtins, defaults: ['system'], baseDir: dirname(configFile) });
  const host = makeHost({ pluginOptions: config.options, startTimeoutMs: config.startTimeoutMs });
  host.load(set);
  await host.start();
  return host;
}

describe('plugin discovery from config', () => {
  it('loads a third-party package by name next to the defaults and applies its options', async () => {
    const host = await startNodeHost({ load: ['openclaw-plugin-echo'], options: { echo: { prefix: '>> ' } } });
    expect(host.plugins().map((p) => `${p.name}@${p.version}`)).toEqual([`system@${systemPlugin.version}`, 'echo@1.2.0']);
    expect(host.commands()).toEqual([...systemPlugin.commands.map((c) => c.name), 'echo.say', 'echo.shout', 'echo.refuse', 'echo.fail']);
    await expect(host.invoke('echo.say', { text: 'hi' }, makeContext('echo.say'))).resolves.toEqual({ text: '>> hi' });
    await host.stop();
  });

  it('runs exactly the enabled plugins even when load lists more', async () => {
    const host = await startNodeHost({ enabled: ['system'], load: ['openclaw-plugin-echo'] });
    expect(host.plugins().map((p) => p.name)).toEqual(['system']);
    expect(host.commands()).toEqual(systemPlugin.commands.map((c) => c.name));
    expect(host.commands().filter((c) => !c.startsWith('system.'))).toEqual([]);
    await expect(host.invoke('echo.say', { text: 'hi' }, makeContext('echo.say'))).rejects.toMatchObject({ code: 'COMMAND_NOT_SUPPORTED' });
    await host.stop();
  });

  it('fails with PLUGIN_OPTIONS_INVALID naming the key path of a bad option', async () => {
    await expect(startNodeHost({ load: ['openclaw-plugin-echo'], options: { echo: { prefix: 5 } } })).rejects.toMatchObject({
      code: 'PLUGIN_OPTIONS_INVALID',
      message: 'invalid plugin options: plugins.options.echo.prefix: expected string, received number',
    });
  });

  it('fails with PLUGIN_NOT_FOUND for a package that is not installed', async () => {
    await expect(startNodeHost({ load: ['openclaw-plugin-missing'] })).rejects.toMatchObject({
      code: 'PLUGIN_NOT_FOUND',
      message: expect.stringContaining(`plugin package "openclaw-plugin-missing" not found in node_modules above ${stateDir}`),
    });
  });
});
