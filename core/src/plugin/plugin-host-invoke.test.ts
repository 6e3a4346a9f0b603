import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeContext, makeHost, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { OpenClawError } from '../errors.js';
import { defineCommand, type CommandHandler } from './contract.js';
import type { PluginHost } from './plugin-host.js';

const say = defineCommand({
  name: 'echo.say',
  params: z.object({ text: z.string(), times: z.number().int().min(1).default(1) }),
  result: z.object({ said: z.string() }),
  dangerous: true,
});

async function echoHost(handler: CommandHandler): Promise<PluginHost> {
  const host = makeHost();
  host.load([makePlugin('echo', { commands: [say], node: { handlers: () => ({ 'echo.say': handler }) } })]);
  await host.start();
  return host;
}

const invoke = (host: PluginHost, command: string, params: unknown) => host.invoke(command, params, makeContext(command));

describe('PluginHost.invoke', () => {
  it('runs the handler with validated params, defaults applied', async () => {
    const host = await echoHost((p: { text: string; times: number }) => ({ said: p.text.repeat(p.times) }));
    await expect(invoke(host, 'echo.say', { text: 'ab' })).resolves.toEqual({ said: 'ab' });
    await expect(invoke(host, 'echo.say', { text: 'ab', times: 2 })).resolves.toEqual({ said: 'abab' });
  });

  it('answers an unknown command with COMMAND_NOT_SUPPORTED', async () => {
    const host = await echoHost(() => ({ said: '' }));
    await expect(invoke(host, 'camera.snap', {})).rejects.toMatchObject({ code: 'COMMAND_NOT_SUPPORTED', message: 'command not supported' });
  });

  it('rejects bad params with INVALID_REQUEST and readable issues, without running the handler', async () => {
    let ran = false;
    const host = await echoHost(() => ((ran = true), { said: '' }));
    await expect(invoke(host, 'echo.say', { text: 3, times: 0 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'INVALID_REQUEST: text: expected string, received number; times: expected number to be >=1',
    });
    await expect(invoke(host, 'echo.say', undefined)).rejects.toMatchObject({ message: 'INVALID_REQUEST: expected object, received undefined' });
    expect(ran).toBe(false);
  });

  it('turns a handler crash into NODE_INVOKE_FAILED, keeping the cause, and passes coded errors through', async () => {
    const crash = new TypeError('x is undefined');
    const crashing = await echoHost(() => { throw crash; });
    const err = await invoke(crashing, 'echo.say', { text: 'a' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NODE_INVOKE_FAILED', message: 'node invocation failed', cause: crash });

    const denied = new OpenClawError('SYSTEM_RUN_DENIED', 'SYSTEM_RUN_DENIED: approval required');
    const denying = await echoHost(async () => { throw denied; });
    await expect(invoke(denying, 'echo.say', { text: 'a' })).rejects.toBe(denied);
  });

  it('refuses to return a result that does not match the result schema', async () => {
    const host = await echoHost(() => ({ said: 42 }));
    await expect(invoke(host, 'echo.say', { text: 'a' })).rejects.toMatchObject({ code: 'NODE_INVOKE_FAILED', message: 'node invocation failed' });
  });

  it('serves nothing before start and after stop', async () => {
    const host = makeHost();
    host.load([makePlugin('echo')]);
    await expect(invoke(host, 'echo.ping', { text: 'a' })).rejects.toMatchObject({ code: 'COMMAND_NOT_SUPPORTED' });
    await host.start();
    await expect(invoke(host, 'echo.ping', { text: 'a' })).resolves.toEqual({ text: 'a' });
    await host.stop();
    await expect(invoke(host, 'echo.ping', { text: 'a' })).rejects.toMatchObject({ code: 'COMMAND_NOT_SUPPORTED' });
    expect(host.commands()).toEqual([]);
  });
});

describe('PluginHost queries', () => {
  it('reports plugins, caps, commands, specs and merged permissions of running plugins', async () => {
    const host = makeHost();
    host.load([
      makePlugin('camera', { caps: ['camera', 'media'], node: { ...makePlugin('camera').node!, permissions: () => ({ 'camera.capture': true }) } }),
      makePlugin('screen', { caps: ['media'], node: { ...makePlugin('screen').node!, permissions: async () => ({ 'screen.record': false }) } }),
    ]);
    await host.start();
    expect(host.plugins()).toEqual([
      { name: 'camera', version: '1.0.0', status: 'running' },
      { name: 'screen', version: '1.0.0', status: 'running' },
    ]);
    expect(host.caps()).toEqual(['camera', 'media']);
    expect(host.commands()).toEqual(['camera.ping', 'screen.ping']);
    expect(host.commandSpec('screen.ping')?.name).toBe('screen.ping');
    expect(host.commandSpec('screen.record')).toBeUndefined();
    await expect(host.permissions()).resolves.toEqual({ 'camera.capture': true, 'screen.record': false });
  });

  it('leaves out node-side commands of a plugin that has no node side', async () => {
    const host = makeHost();
    host.load([makePlugin('echo'), makePlugin('relay', { node: undefined, gateway: {} })]);
    await host.start();
    expect(host.commands()).toEqual(['echo.ping']);
  });
});

describe('PluginHost on the gateway side', () => {
  it('knows every running plugin command and applies the owning plugin post-processor', async () => {
    const host = makeHost({ side: 'gateway', hostKind: 'gateway' });
    const camera = makePlugin('camera', {
      node: undefined,
      gateway: { postProcess: { 'camera.ping': (result, ctx) => ({ text: `${(result as { text: string }).text} via ${ctx.nodeId} for ${ctx.command}` }) } },
    });
    host.load([camera, makePlugin('echo')]);
    await host.start();
    expect(host.commands()).toEqual(['camera.ping', 'echo.ping']);
    await expect(host.postProcess('camera.ping', { text: 'jpg' }, { nodeId: 'n1', params: {} })).resolves.toEqual({ text: 'jpg via n1 for camera.ping' });
    await expect(host.postProcess('echo.ping', { text: 'as is' }, { nodeId: 'n1', params: {} })).resolves.toEqual({ text: 'as is' });
    await expect(host.invoke('echo.ping', { text: 'a' }, makeContext('echo.ping'))).rejects.toMatchObject({ code: 'COMMAND_NOT_SUPPORTED' });
  });
});
