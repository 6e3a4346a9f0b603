import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CORE_VERSION, PluginHost, type InvokeContext } from '@openclaw-nodes/core/plugin';
import { rootContainer } from '@openclaw-nodes/core/di';
import { beforeAll, describe, expect, it } from 'vitest';
import systemPlugin, { MAX_BINS, MAX_BIN_NAME } from './index.js';

let host: PluginHost;

const which = (params: unknown) => {
  const ctx: InvokeContext = { invokeId: 'i1', command: 'system.which', signal: new AbortController().signal, emitEvent: () => {}, deliverMedia: () => Promise.reject(new Error('no media here')) };
  return host.invoke('system.which', params, ctx);
};

beforeAll(async () => {
  host = new PluginHost({ container: rootContainer.createChildContainer(), hostVersion: CORE_VERSION, hostKind: 'node', side: 'node' });
  host.load([systemPlugin]);
  await host.start();
});

describe('system plugin', () => {
  it('declares cap system, the commands of the real node host, and the version of its package', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(host.plugins()).toEqual([{ name: 'system', version, status: 'running' }]);
    expect(host.caps()).toEqual(['system']);
    expect(host.commands()).toEqual(['system.execApprovals.get', 'system.execApprovals.set', 'system.run', 'system.run.prepare', 'system.which']);
  });

  it('serves system.which without a state dir, but refuses exec there with a clear error', async () => {
    const ctx: InvokeContext = { invokeId: 'i2', command: 'system.run', signal: new AbortController().signal, emitEvent: () => {}, deliverMedia: () => Promise.reject(new Error('no media here')) };
    await expect(host.invoke('system.run', { command: ['true'] }, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('no state dir') });
  });

  it('finds sh where the shell finds it and leaves out names it cannot find', async () => {
    const sh = execFileSync('/bin/sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).trim();
    await expect(which({ bins: ['sh', 'openclaw-surely-missing-binary'] })).resolves.toEqual({ bins: { sh } });
  });

  it('trims and merges repeated names and skips names with a path', async () => {
    const result = (await which({ bins: [' sh', 'sh ', '', '../x', '/bin/sh'] })) as { bins: Record<string, string> };
    expect(Object.keys(result.bins)).toEqual(['sh']);
  });

  it('answers missing or empty bins with INVALID_REQUEST: bins required', async () => {
    for (const params of [undefined, null, {}, { bins: 'sh' }, { bins: [] }, { bins: ['  '] }]) {
      await expect(which(params)).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: bins required' });
    }
  });

  it('rejects non-string names, too many names and overlong names', async () => {
    await expect(which({ bins: ['sh', 3] })).rejects.toMatchObject({ message: 'INVALID_REQUEST: bins[1]: expected string, received number' });
    await expect(which({ bins: Array.from({ length: MAX_BINS + 1 }, (_, i) => `b${i}`) })).rejects.toMatchObject({
      message: `INVALID_REQUEST: bins: at most ${MAX_BINS} names`,
    });
    await expect(which({ bins: ['x'.repeat(MAX_BIN_NAME + 1)] })).rejects.toMatchObject({
      message: `INVALID_REQUEST: bins[0]: at most ${MAX_BIN_NAME} characters`,
    });
  });
});
