import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeContext, makeHost, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import type { PluginDefinition } from './contract.js';
import { resolvePlugins } from './plugin-loader.js';

const optional = (name: string) => name !== 'system';
const strictOptions = z.strictObject({ prefix: z.string() });

/** Loads and starts `plugins` on an optional-aware node host; returns the host and its warnings. */
async function startWith(plugins: readonly unknown[], pluginOptions: Record<string, unknown> = {}) {
  const warnings: string[] = [];
  const host = makeHost({ optional, pluginOptions, log: (level, msg) => void (level === 'warn' && warnings.push(msg)) });
  host.load(plugins);
  await host.start();
  return { host, warnings };
}

/** `[name, status, code]` of every plugin the host reports. */
const statuses = (host: ReturnType<typeof makeHost>) => host.plugins().map((p) => [p.name, p.status, p.code]);

describe('PluginHost isolation of optional plugins on a node host', () => {
  it.each([
    ['shape check', { ...makePlugin('camera'), version: 'one' }, {}, 'PLUGIN_INVALID'],
    ['host range', makePlugin('camera', { host: '^99.0.0' }), {}, 'PLUGIN_VERSION_INCOMPATIBLE'],
    ['options', makePlugin('camera', { options: strictOptions }), { camera: { prefix: 5 } }, 'PLUGIN_OPTIONS_INVALID'],
    ['register', makePlugin('camera', { node: { ...makePlugin('camera').node!, register: () => { throw new Error('no driver'); } } }), {}, 'PLUGIN_REGISTER_FAILED'],
    ['available', makePlugin('camera', { node: { ...makePlugin('camera').node!, available: () => { throw new Error('probe crashed'); } } }), {}, 'PLUGIN_START_FAILED'],
    ['start', makePlugin('camera', { node: { ...makePlugin('camera').node!, start: () => Promise.reject(new Error('busy')) } }), {}, 'PLUGIN_START_FAILED'],
  ])('drops a plugin failing at %s with its code and keeps serving the others', async (_stage, camera, pluginOptions, code) => {
    const { host, warnings } = await startWith([makePlugin('system'), camera], pluginOptions);
    expect(statuses(host)).toEqual([['system', 'running', undefined], ['camera', 'dropped', code]]);
    expect(warnings).toEqual([expect.stringMatching(/^optional plugin "camera" dropped: /)]);
    await expect(host.invoke('system.ping', { text: 'hi' }, makeContext('system.ping'))).resolves.toEqual({ text: 'hi' });
    await expect(host.invoke('camera.ping', { text: 'hi' }, makeContext('camera.ping'))).rejects.toMatchObject({ code: 'COMMAND_NOT_SUPPORTED' });
    await host.stop();
  });

  it('reports a plugin whose available() says no as unavailable, with the reason', async () => {
    const sms = makePlugin('sms', { node: { ...makePlugin('sms').node!, available: () => false } });
    const { host } = await startWith([makePlugin('system'), sms]);
    expect(host.plugins()[1]).toMatchObject({ name: 'sms', status: 'unavailable', reason: 'plugin "sms" failed to start: not available on this machine' });
    await host.stop();
  });

  it('drops a dependant of a plugin dropped at load, and lists plugins that failed to import', async () => {
    const broken = { name: 'broken', version: '', status: 'dropped', code: 'PLUGIN_LOAD_FAILED', reason: 'boom' } as const;
    const warnings: string[] = [];
    const host = makeHost({ optional, log: (level, msg) => void (level === 'warn' && warnings.push(msg)) });
    host.load([makePlugin('system'), makePlugin('media', { version: 'x' }), makePlugin('camera', { dependsOn: ['media'] })], [broken]);
    await host.start();
    expect(statuses(host)).toEqual([
      ['system', 'running', undefined],
      ['broken', 'dropped', 'PLUGIN_LOAD_FAILED'],
      ['media', 'dropped', 'PLUGIN_INVALID'],
      ['camera', 'dropped', 'PLUGIN_DEPENDENCY_MISSING'],
    ]);
    expect(host.commands()).toEqual(['system.ping']);
    await host.stop();
  });

  it('still refuses the whole set when the failing plugin is not optional, or on the gateway', () => {
    const badSystem = makePlugin('system', { options: strictOptions });
    expect(() => makeHost({ optional }).load([badSystem])).toThrow(expect.objectContaining({ code: 'PLUGIN_OPTIONS_INVALID' }));
    const gateway = makeHost({ optional, side: 'gateway', hostKind: 'gateway' });
    expect(() => gateway.load([makePlugin('camera', { host: '^99.0.0' })])).toThrow(expect.objectContaining({ code: 'PLUGIN_VERSION_INCOMPATIBLE' }));
    const register = makePlugin('camera', { node: { ...makePlugin('camera').node!, register: () => { throw new Error('no'); } } });
    expect(() => makeHost().load([register])).toThrow(expect.objectContaining({ code: 'PLUGIN_REGISTER_FAILED' }));
  });
});

describe('resolvePlugins isolation', () => {
  const baseDir = mkdtempSync(join(tmpdir(), 'openclaw-plugin-isolation-'));
  afterAll(() => rmSync(baseDir, { recursive: true, force: true }));
  const builtins = { system: async (): Promise<PluginDefinition> => makePlugin('system') };

  it('returns an optional plugin that throws at import or is missing as dropped, and throws for a required one', async () => {
    writeFileSync(join(baseDir, 'throws.mjs'), "throw new Error('import-time failure');\n");
    const config = { load: ['./throws.mjs', './missing.mjs'] };
    const { plugins, failed } = await resolvePlugins({ config, builtins, defaults: ['system'], baseDir, optional });
    expect(plugins.map((p) => p.name)).toEqual(['system']);
    expect(failed.map((f) => [f.name, f.status, f.code])).toEqual([
      ['./throws.mjs', 'dropped', 'PLUGIN_LOAD_FAILED'],
      ['./missing.mjs', 'dropped', 'PLUGIN_NOT_FOUND'],
    ]);
    expect(failed[0]?.reason).toContain('import-time failure');
    await expect(resolvePlugins({ config, builtins, defaults: ['system'], baseDir })).rejects.toMatchObject({ code: 'PLUGIN_LOAD_FAILED' });
    const throwingSystem = { system: async (): Promise<PluginDefinition> => { throw new Error('x'); } };
    await expect(resolvePlugins({ config: {}, builtins: throwingSystem, defaults: ['system'], baseDir, optional })).rejects.toMatchObject({ code: 'PLUGIN_LOAD_FAILED' });
  });
});
