import { describe, expect, it } from 'vitest';
import { makeContext, makeHost, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { OpenClawError } from '../errors.js';
import { defineErrorCodes, errorFactory } from '../errors/plugin-error-codes.js';
import type { CommandHandler, PluginDefinition } from './contract.js';

const lampCodes = defineErrorCodes({
  LAMP_BULB_BROKEN: { wire: 'UNAVAILABLE', status: 503, matchable: true, summary: 'The bulb is broken.' },
});
const lampError = errorFactory(lampCodes);

const lamp = (handler: CommandHandler, overrides: Partial<PluginDefinition> = {}) =>
  makePlugin('lamp', { errors: lampCodes, node: { handlers: () => ({ 'lamp.ping': handler }) }, ...overrides });

async function hostWith(...plugins: PluginDefinition[]) {
  const host = makeHost();
  host.load(plugins);
  await host.start();
  return host;
}

const fail = async (handler: CommandHandler) => {
  const host = await hostWith(lamp(handler));
  return (await host.invoke('lamp.ping', { text: 'x' }, makeContext('lamp.ping')).catch((err: unknown) => err)) as OpenClawError;
};

describe('error codes a plugin declares', () => {
  it('are merged by the host with their owner', async () => {
    const host = await hostWith(lamp(() => ({ text: '' })), makePlugin('fan'));
    expect(Object.fromEntries(host.errorCodes())).toEqual({ LAMP_BULB_BROKEN: { ...lampCodes.LAMP_BULB_BROKEN, plugin: 'lamp' } });
  });

  it('reach the caller with their own wire code and status', async () => {
    const err = await fail(() => {
      throw lampError('LAMP_BULB_BROKEN', 'LAMP_BULB_BROKEN: replace the bulb', { details: { watts: 40 } });
    });
    expect(err).toMatchObject({ code: 'LAMP_BULB_BROKEN', status: 503, codeInfo: { matchable: true } });
    expect(err.toWire()).toEqual({ code: 'UNAVAILABLE', message: 'LAMP_BULB_BROKEN: replace the bulb', details: { code: 'LAMP_BULB_BROKEN', watts: 40 } });
  });

  it('refuse a code claimed by two plugins, naming both', () => {
    const twin = makePlugin('twin', { errors: { LAMP_BULB_BROKEN: lampCodes.LAMP_BULB_BROKEN } });
    expect(() => makeHost().load([lamp(() => ({ text: '' })), twin])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_ERROR_CODE_CONFLICT', details: { errorCode: 'LAMP_BULB_BROKEN', plugins: ['lamp', 'twin'] } }),
    );
  });

  it('refuse a plugin that declares a core code as its own', () => {
    const squatter = makePlugin('squatter', { errors: { UNKNOWN_NODE: lampCodes.LAMP_BULB_BROKEN } });
    expect(() => makeHost().load([squatter])).toThrow(expect.objectContaining({ code: 'PLUGIN_ERROR_CODE_CONFLICT', message: expect.stringContaining('is a core error code') }));
    // One-word core codes too: the conflict is named, not a complaint about the code's shape.
    const oneWord = makePlugin('oneword', { errors: { UNAVAILABLE: lampCodes.LAMP_BULB_BROKEN } });
    expect(() => makeHost().load([oneWord])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_ERROR_CODE_CONFLICT', message: expect.stringContaining('error code "UNAVAILABLE" of plugin "oneword" is a core error code (docs/errors.md)') }),
    );
  });

  it('must look like codes and say how they travel', () => {
    const badName = makePlugin('bad', { errors: { 'lower-case': lampCodes.LAMP_BULB_BROKEN } });
    expect(() => makeHost().load([badName])).toThrow(expect.objectContaining({ code: 'PLUGIN_INVALID', message: expect.stringContaining('errors["lower-case"]: expected upper-case words joined by "_"') }));
    const badInfo = makePlugin('bad', { errors: { BAD_CODE: { wire: 'NOPE', status: 99, matchable: 'yes', summary: '' } } as never });
    expect(() => makeHost().load([badInfo])).toThrow(expect.objectContaining({ code: 'PLUGIN_INVALID', message: expect.stringMatching(/BAD_CODE.*\.wire: expected one of.*\.status: expected number to be >=400.*matchable: expected boolean/) }));
  });
});

describe('a handler that throws something else', () => {
  it('gives NODE_INVOKE_FAILED naming an undeclared code, from this or any copy of core', async () => {
    const foreign = Object.assign(new Error('the lamp melted'), { name: 'OpenClawError', code: 'LAMP_MELTED' });
    for (const thrown of [new OpenClawError('LAMP_MELTED' as never, 'the lamp melted'), foreign]) {
      const err = await fail(() => {
        throw thrown;
      });
      expect(err).toMatchObject({
        code: 'NODE_INVOKE_FAILED',
        message: 'NODE_INVOKE_FAILED: plugin "lamp" threw error code LAMP_MELTED, which it does not declare: the lamp melted',
        details: { plugin: 'lamp', originalCode: 'LAMP_MELTED' },
      });
    }
  });

  it('gives NODE_INVOKE_FAILED for a code another plugin declares', async () => {
    const host = await hostWith(lamp(() => ({ text: '' })), makePlugin('fan', { node: { handlers: () => ({ 'fan.ping': () => { throw lampError('LAMP_BULB_BROKEN', 'not mine'); } }) } }));
    await expect(host.invoke('fan.ping', { text: 'x' }, makeContext('fan.ping'))).rejects.toMatchObject({ code: 'NODE_INVOKE_FAILED', details: { originalCode: 'LAMP_BULB_BROKEN' } });
  });

  it.each([
    ['a plain Error', () => new Error('/home/someone/.ssh/id_ed25519 not found')],
    ['a string', () => 'broken'],
    ['a prototype-less object', () => Object.create(null)],
    ['an error whose code getter throws', () => Object.defineProperty(Object.assign(new Error('x'), { name: 'OpenClawError' }), 'code', { get: () => { throw new Error('trap'); } })],
  ])('gives NODE_INVOKE_FAILED with a generic message for %s', async (_what, make) => {
    const err = await fail(async () => {
      throw make();
    });
    expect(err).toMatchObject({ code: 'NODE_INVOKE_FAILED', message: 'node invocation failed', details: { plugin: 'lamp' } });
  });
});

describe('a gateway-side result processor', () => {
  const gatewayHost = async (process: (result: unknown) => unknown) => {
    const host = makeHost({ side: 'gateway', hostKind: 'gateway', postProcessTimeoutMs: 200 });
    host.load([lamp(() => ({ text: '' }), { gateway: { postProcess: { 'lamp.ping': process } } })]);
    await host.start();
    return host;
  };
  const ctx = { nodeId: 'n1', params: {} };

  it('transforms the result of its command only', async () => {
    const host = await gatewayHost((r) => ({ ...(r as object), lit: true }));
    expect(host.processes('lamp.ping')).toBe(true);
    await expect(host.postProcess('lamp.ping', { text: 'a' }, ctx)).resolves.toEqual({ text: 'a', lit: true });
    await expect(host.postProcess('fan.ping', { text: 'a' }, ctx)).resolves.toEqual({ text: 'a' });
  });

  it('that throws gives PLUGIN_POSTPROCESS_FAILED, or the declared code it threw', async () => {
    const broken = await gatewayHost(() => Promise.reject(new Error('boom')));
    await expect(broken.postProcess('lamp.ping', {}, ctx)).rejects.toMatchObject({ code: 'PLUGIN_POSTPROCESS_FAILED', message: 'the gateway could not process the node result' });
    const undeclared = await gatewayHost(() => {
      throw new OpenClawError('LAMP_MELTED' as never, 'melted');
    });
    await expect(undeclared.postProcess('lamp.ping', {}, ctx)).rejects.toMatchObject({ code: 'PLUGIN_POSTPROCESS_FAILED', details: { originalCode: 'LAMP_MELTED' } });
    const declared = await gatewayHost(() => {
      throw lampError('LAMP_BULB_BROKEN', 'LAMP_BULB_BROKEN: off');
    });
    await expect(declared.postProcess('lamp.ping', {}, ctx)).rejects.toMatchObject({ code: 'LAMP_BULB_BROKEN', status: 503 });
  });

  it('that never settles gives PLUGIN_POSTPROCESS_FAILED instead of holding the caller', async () => {
    const stuck = await gatewayHost(() => new Promise(() => undefined));
    await expect(stuck.postProcess('lamp.ping', {}, ctx)).rejects.toMatchObject({
      code: 'PLUGIN_POSTPROCESS_FAILED',
      message: 'plugin "lamp" did not finish processing the lamp.ping result within 200 ms',
    });
  });
});
