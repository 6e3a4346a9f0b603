import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { makeContext, makeHost, makeJournal, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { inject, injectable, type DependencyContainer } from '../di.js';
import { PLUGIN_OPTIONS } from '../tokens.js';
import type { NodeSide, PluginDefinition } from './contract.js';

const never = () => new Promise<void>(() => {});

/** A plugin whose start/stop are journaled; `node` overrides individual hooks. */
function tracked(journal: ReturnType<typeof makeJournal>, name: string, extra: Partial<PluginDefinition> = {}, node: Partial<NodeSide> = {}) {
  const base = makePlugin(name, extra);
  return {
    ...base,
    node: {
      handlers: base.node!.handlers,
      start: () => journal.note(`${name}:start`),
      stop: () => journal.note(`${name}:stop`),
      ...node,
    },
  };
}

describe('PluginHost start and stop', () => {
  it('starts dependencies first, otherwise in list order, and stops in reverse', async () => {
    const journal = makeJournal();
    const host = makeHost();
    host.load([tracked(journal, 'camera', { dependsOn: ['media'] }), tracked(journal, 'sms'), tracked(journal, 'media')]);
    await host.start();
    await host.stop();
    expect(journal.lines).toEqual(['media:start', 'camera:start', 'sms:start', 'sms:stop', 'camera:stop', 'media:stop']);
    expect(host.plugins().map((p) => p.status)).toEqual(['stopped', 'stopped', 'stopped']);
  });

  it('fails a start that overruns its timeout with PLUGIN_START_TIMEOUT', async () => {
    vi.useFakeTimers();
    try {
      const host = makeHost({ startTimeoutMs: 50 });
      host.load([tracked(makeJournal(), 'slow', {}, { start: never })]);
      const outcome = host.start().then(() => 'started', (err: unknown) => err);
      await vi.advanceTimersByTimeAsync(49);
      expect(host.plugins()[0]!.status).not.toBe('failed');
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toMatchObject({ code: 'PLUGIN_START_TIMEOUT', message: 'plugin "slow" did not start within 50 ms' });
      expect(host.plugins()[0]).toMatchObject({ status: 'failed' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('uses the plugin start timeout unless config overrides it', async () => {
    const host = makeHost();
    host.load([tracked(makeJournal(), 'slow', { startTimeoutMs: 30 }, { start: never })]);
    await expect(host.start()).rejects.toMatchObject({ message: 'plugin "slow" did not start within 30 ms' });
  });

  it('wraps a throwing start as PLUGIN_START_FAILED and stops the plugins already running', async () => {
    const journal = makeJournal();
    const boom = new Error('port in use');
    const host = makeHost();
    host.load([tracked(journal, 'media'), tracked(journal, 'camera', {}, { start: () => { throw boom; } })]);
    const err = await host.start().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PLUGIN_START_FAILED', message: 'plugin "camera" failed to start: port in use', cause: boom });
    expect(journal.lines).toEqual(['media:start', 'media:stop']);
    expect(host.commands()).toEqual([]);
  });

  it('fails a declared command without a handler before starting the plugin', async () => {
    const journal = makeJournal();
    const host = makeHost();
    host.load([tracked(journal, 'echo', {}, { handlers: () => ({}) })]);
    await expect(host.start()).rejects.toMatchObject({ code: 'PLUGIN_START_FAILED', message: 'plugin "echo" failed to start: no handler for echo.ping' });
    expect(journal.lines).toEqual([]);
  });

  it('drops an unavailable or failing optional plugin on a node host, with its commands and dependants', async () => {
    const journal = makeJournal();
    const logged: string[] = [];
    const host = makeHost({ optional: (name) => name !== 'system', log: (level, msg) => logged.push(`${level} ${msg}`) });
    host.load([
      tracked(journal, 'system'),
      tracked(journal, 'sms', {}, { available: () => false }),
      tracked(journal, 'camera', {}, { start: () => Promise.reject(new Error('no device')) }),
      tracked(journal, 'mms', { dependsOn: ['sms'] }),
    ]);
    await host.start();
    expect(host.commands()).toEqual(['system.ping']);
    expect(host.caps()).toEqual(['system']);
    expect(host.plugins().map((p) => [p.name, p.status])).toEqual([['system', 'running'], ['sms', 'unavailable'], ['camera', 'dropped'], ['mms', 'dropped']]);
    expect(logged.filter((line) => line.startsWith('warn'))).toEqual([
      'warn optional plugin "sms" unavailable: plugin "sms" failed to start: not available on this machine',
      'warn optional plugin "camera" dropped: plugin "camera" failed to start: no device',
      'warn optional plugin "mms" dropped: plugin "mms" depends on "sms", which did not start',
    ]);
    await expect(host.invoke('sms.ping', { text: 'x' }, makeContext('sms.ping'))).rejects.toMatchObject({ code: 'COMMAND_NOT_SUPPORTED' });
    await host.stop();
    expect(journal.lines).toEqual(['system:start', 'system:stop']);
  });

  it('treats an unavailable plugin as fatal when it is not optional, or on the gateway', async () => {
    const node = makeHost();
    node.load([tracked(makeJournal(), 'sms', {}, { available: () => false })]);
    await expect(node.start()).rejects.toMatchObject({ code: 'PLUGIN_START_FAILED' });

    const failing = { ...makePlugin('sms'), gateway: { start: () => Promise.reject(new Error('no sharp')) } };
    const gateway = makeHost({ side: 'gateway', hostKind: 'gateway', optional: () => true });
    gateway.load([failing]);
    await expect(gateway.start()).rejects.toMatchObject({ code: 'PLUGIN_START_FAILED', message: 'plugin "sms" failed to start: no sharp' });
  });

  it('attempts every stop, then reports all failures in one PLUGIN_STOP_FAILED', async () => {
    const journal = makeJournal();
    const host = makeHost({ startTimeoutMs: 50 });
    host.load([
      tracked(journal, 'a'),
      tracked(journal, 'b', {}, { stop: never }),
      tracked(journal, 'c', {}, { stop: () => { journal.note('c:stop'); throw new Error('socket busy'); } }),
    ]);
    await host.start();
    const err = await host.stop().catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'PLUGIN_STOP_FAILED',
      details: { failures: [{ plugin: 'c', message: 'socket busy' }, { plugin: 'b', message: 'did not stop within 50 ms' }] },
    });
    expect(journal.lines).toEqual(['a:start', 'b:start', 'c:start', 'c:stop', 'a:stop']);
  });
});

describe('plugin options', () => {
  const greetOptions = z.object({ greeting: z.string().default('hello'), volume: z.number().default(3) });

  @injectable()
  class Greeter {
    constructor(@inject(PLUGIN_OPTIONS) readonly options: z.output<typeof greetOptions>) {}
    greet(name: string): string {
      return `${this.options.greeting} ${name} (${this.options.volume})`;
    }
  }

  const greetPlugin = makePlugin('greet', {
    options: greetOptions,
    node: {
      register: (c: DependencyContainer) => void c.registerSingleton(Greeter),
      handlers: (c: DependencyContainer) => ({ 'greet.ping': (p: { text: string }) => ({ text: c.resolve(Greeter).greet(p.text) }) }),
    },
  });

  it('applies schema defaults and gives each plugin its own options through PLUGIN_OPTIONS', async () => {
    const host = makeHost({ pluginOptions: { greet: { greeting: 'hi' } } });
    host.load([greetPlugin]);
    await host.start();
    await expect(host.invoke('greet.ping', { text: 'ada' }, makeContext('greet.ping'))).resolves.toEqual({ text: 'hi ada (3)' });

    const defaults = makeHost();
    defaults.load([greetPlugin]);
    await defaults.start();
    await expect(defaults.invoke('greet.ping', { text: 'ada' }, makeContext('greet.ping'))).resolves.toEqual({ text: 'hello ada (3)' });
  });
});
