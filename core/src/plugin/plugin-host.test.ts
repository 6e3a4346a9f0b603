import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeHost, makeJournal, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { OpenClawError } from '../errors.js';
import type { PluginDefinition } from './contract.js';
import type { PluginHostOptions } from './plugin-host-options.js';

function loadError(plugins: readonly unknown[], options: Partial<PluginHostOptions> = {}): OpenClawError {
  try {
    makeHost(options).load(plugins as PluginDefinition[]);
  } catch (err) {
    expect(err).toBeInstanceOf(OpenClawError);
    return err as OpenClawError;
  }
  throw new Error('load() did not throw');
}

const echoOptions = z.strictObject({ prefix: z.string().default(''), repeat: z.number().int().min(1).default(1) });

describe('PluginHost.load validation', () => {
  it('rejects a malformed plugin with PLUGIN_INVALID naming what is wrong', () => {
    const broken = { ...makePlugin('echo'), version: 'one', commands: [{ name: 'echo.say', params: {}, result: z.string() }] };
    const err = loadError([broken]);
    expect(err.code).toBe('PLUGIN_INVALID');
    expect(err.message).toContain('plugins[0] ("echo")');
    expect(err.message).toContain('version: expected a semver version');
    expect(err.message).toContain('commands[0].params: expected a zod schema');
  });

  it('rejects a gateway media route for a command the plugin does not declare, or with a bad path', () => {
    const media = { path: 'echo/shot', command: 'echo.shot', summary: 's', query: z.strictObject({}), kind: 'image', formats: ['png'] };
    const undeclared = loadError([{ ...makePlugin('echo'), gateway: { media: [media] } }]);
    expect(undeclared.code).toBe('PLUGIN_INVALID');
    expect(undeclared.message).toContain('gateway.media[0].command: not a command this plugin declares');
    const badPath = loadError([{ ...makePlugin('echo'), gateway: { media: [{ ...media, command: 'echo.ping', path: '../admin' }] } }]);
    expect(badPath.message).toContain('gateway.media[0].path');
  });

  it('rejects a value that is not an object, a node side without handlers and a dotted plugin name', () => {
    expect(loadError([42]).message).toContain('plugins[0] is not a valid plugin: expected an object');
    expect(loadError([{ ...makePlugin('echo'), node: {} }]).message).toContain('node.handlers: expected a function');
    expect(loadError([makePlugin('my.plugin')]).message).toContain('name: expected a lowercase name');
  });

  it('rejects two plugins with one name (PLUGIN_DUPLICATE_NAME)', () => {
    const err = loadError([makePlugin('echo'), makePlugin('echo', { version: '2.0.0' })]);
    expect(err.code).toBe('PLUGIN_DUPLICATE_NAME');
    expect(err.message).toContain('"echo"');
  });

  it('rejects a command claimed twice, naming both plugins (PLUGIN_COMMAND_CONFLICT)', () => {
    const err = loadError([makePlugin('echo'), makePlugin('parrot', { commands: makePlugin('echo').commands })]);
    expect(err.code).toBe('PLUGIN_COMMAND_CONFLICT');
    expect(err.message).toBe('command "echo.ping" is claimed by both plugin "echo" and plugin "parrot"; enable only one of them');
  });

  it('lists every bad option with its key path (PLUGIN_OPTIONS_INVALID)', () => {
    const err = loadError([makePlugin('echo', { options: echoOptions }), makePlugin('quiet-mode')], {
      pluginOptions: { echo: { prefix: 7, repeat: 0, loud: true }, 'quiet-mode': { level: 1 } },
    });
    expect(err.code).toBe('PLUGIN_OPTIONS_INVALID');
    expect(err.details?.issues).toEqual([
      'plugins.options.echo.prefix: expected string, received number',
      'plugins.options.echo.repeat: expected number to be >=1',
      'plugins.options.echo.loud: unknown key',
      'plugins.options["quiet-mode"]: plugin "quiet-mode" takes no options',
    ]);
    expect(err.message).toContain('plugins.options.echo.prefix: expected string');
  });

  it('rejects a plugin whose host range excludes this host (PLUGIN_VERSION_INCOMPATIBLE)', () => {
    const err = loadError([makePlugin('echo', { host: '^2.0.0' })]);
    expect(err.code).toBe('PLUGIN_VERSION_INCOMPATIBLE');
    expect(err.message).toMatch(/needs host \^2\.0\.0, but this host is 0\.1\.\d+/);
  });

  it('rejects a dependency that is not loaded (PLUGIN_DEPENDENCY_MISSING) and a dependency cycle (PLUGIN_INVALID)', () => {
    const missing = loadError([makePlugin('camera', { dependsOn: ['media'] })]);
    expect(missing.code).toBe('PLUGIN_DEPENDENCY_MISSING');
    expect(missing.message).toContain('depends on plugin "media", which is not loaded');

    const cycle = loadError([makePlugin('a', { dependsOn: ['b'] }), makePlugin('b', { dependsOn: ['a'] })]);
    expect(cycle.code).toBe('PLUGIN_INVALID');
    expect(cycle.message).toContain('a -> b -> a');
  });

  it('registers nothing when any plugin in the set is invalid', () => {
    const journal = makeJournal();
    const good = makePlugin('good', { node: { register: () => journal.note('good:register'), handlers: () => ({}) }, commands: [] });
    expect(loadError([good, makePlugin('bad', { host: '>=9' })]).code).toBe('PLUGIN_VERSION_INCOMPATIBLE');
    expect(journal.lines).toEqual([]);
  });

  it('wraps a throwing register as PLUGIN_REGISTER_FAILED with the cause kept', () => {
    const boom = new Error('boom');
    const err = loadError([makePlugin('echo', { node: { register: () => { throw boom; }, handlers: () => ({}) } })]);
    expect(err.code).toBe('PLUGIN_REGISTER_FAILED');
    expect(err.message).toBe('plugin "echo" failed to register: boom');
    expect(err.cause).toBe(boom);
  });

  it('calls the register of the side the host runs, in dependency order', () => {
    const journal = makeJournal();
    const side = (name: string) => ({ register: () => journal.note(`${name}:register`) });
    const plugin = (name: string, dependsOn?: string[]) =>
      makePlugin(name, { dependsOn, node: { ...side(`${name}/node`), handlers: () => ({}) }, gateway: side(`${name}/gateway`) });
    makeHost({ side: 'gateway', hostKind: 'gateway' }).load([plugin('camera', ['media']), plugin('media')]);
    expect(journal.lines).toEqual(['media/gateway:register', 'camera/gateway:register']);
  });
});
