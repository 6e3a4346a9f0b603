import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeContext, makeHost, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import type { DependencyContainer } from '../di.js';
import { PLUGIN_OPTIONS, SURFACE_CHANGED } from '../tokens.js';
import type { PluginLog } from './plugin-slot.js';

/** A plugin whose announcement follows a flag it flips through `SURFACE_CHANGED`, as a modem plugin would on hotplug. */
function hotplug() {
  let present = false;
  let container: DependencyContainer | undefined;
  const plugin = makePlugin('modem', {
    node: {
      handlers: () => ({ 'modem.ping': () => (present ? { text: 'here' } : Promise.reject(new Error('no modem'))) }),
      start: (c) => void (container = c),
      advertised: () => present,
      permissions: () => ({ sms: present }),
    },
  });
  const plug = (now: boolean) => {
    present = now;
    container!.resolve<() => void>(SURFACE_CHANGED)();
  };
  return { plugin, plug };
}

describe('PluginHost live surface', () => {
  it("leaves a plugin's caps and commands out while it is not advertised, and still routes calls to it", async () => {
    const { plugin } = hotplug();
    const host = makeHost();
    host.load([makePlugin('echo'), plugin]);
    await host.start();
    expect(host.commands()).toEqual(['echo.ping']);
    expect(host.caps()).toEqual(['echo']);
    expect(await host.permissions()).toEqual({ sms: false });
    await expect(host.invoke('modem.ping', { text: 'x' }, makeContext('modem.ping'))).rejects.toMatchObject({ code: 'NODE_INVOKE_FAILED' });
  });

  it('tells listeners when a plugin signals SURFACE_CHANGED, and reads the new surface then', async () => {
    const { plugin, plug } = hotplug();
    const host = makeHost();
    host.load([plugin]);
    await host.start();
    const seen: string[][] = [];
    const unsubscribe = host.onSurfaceChange(() => seen.push(host.commands()));
    plug(true);
    expect(seen).toEqual([['modem.ping']]);
    unsubscribe();
    plug(false);
    expect(seen).toHaveLength(1);
  });

  it('keeps a plugin whose advertised() throws quiet, and logs why', async () => {
    const warnings: string[] = [];
    const log: PluginLog = (level, msg) => void (level === 'warn' && warnings.push(msg));
    const host = makeHost({ log });
    host.load([makePlugin('flaky', { node: { ...makePlugin('flaky').node!, advertised: () => { throw new Error('udev gone'); } } })]);
    await host.start();
    expect(host.commands()).toEqual([]);
    expect(warnings).toContain('plugin "flaky" could not tell whether it is advertised: udev gone');
  });

  it('hands new options only to plugins with reconfigure, parsed with their schema, and only when they changed', async () => {
    const taken: unknown[] = [];
    const live = makePlugin('live', {
      options: z.strictObject({ level: z.int().min(0).max(9).default(1) }),
      node: { ...makePlugin('live').node!, reconfigure: (c, options) => void taken.push([c.resolve(PLUGIN_OPTIONS), options]) },
    });
    const host = makeHost({ pluginOptions: { live: { level: 2 } } });
    host.load([live, makePlugin('static')]);
    await host.start();
    let changes = 0;
    host.onSurfaceChange(() => changes++);
    await host.reconfigure({ live: { level: 2 }, static: { anything: true } });
    expect(taken).toEqual([]);
    await host.reconfigure({ live: {} });
    expect(taken).toEqual([[{ level: 2 }, { level: 1 }]]);
    expect(changes).toBe(1);
    await host.reconfigure({ live: { level: 99 } });
    expect(taken).toHaveLength(1);
  });
});
