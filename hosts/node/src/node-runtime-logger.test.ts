import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGGER } from '@openclaw-nodes/core';
import { createLogger, type Logger } from '@openclaw-nodes/core/logger';
import { makeContext, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { startNodeRuntime } from './node-runtime.js';

/** `echo`, whose `echo.ping` logs through the LOGGER it injects when its handlers are built. */
const echo = makePlugin('echo', {
  node: {
    handlers: (container) => {
      const logger = container.resolve<Logger>(LOGGER);
      return { 'echo.ping': (p: { text: string }) => (logger.warn({ text: p.text }, 'echo pinged'), { text: p.text }) };
    },
  },
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function runtimeWith(logger?: Logger) {
  const stateDir = mkdtempSync(join(tmpdir(), 'oc-runtime-logger-'));
  dirs.push(stateDir);
  return startNodeRuntime({ stateDir, host: '127.0.0.1', port: 1, version: '0.1.0', builtins: { echo: async () => echo }, defaults: ['echo'], logger });
}

describe('node runtime LOGGER', () => {
  it('binds the host logger: a plugin that injects it logs through it, tagged with its name', async () => {
    const lines: string[] = [];
    const runtime = await runtimeWith(await createLogger({ name: 'node-host', destination: { write: (l: string) => void lines.push(l) } }));
    try {
      await expect(runtime.plugins.invoke('echo.ping', { text: 'hi' }, makeContext('echo.ping'))).resolves.toEqual({ text: 'hi' });
      expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: 'warn', name: 'node-host', plugin: 'echo', msg: 'echo pinged', text: 'hi' }));
    } finally {
      await runtime.stop();
    }
  });

  it('binds a silent logger when started without one, so the plugin still starts', async () => {
    const runtime = await runtimeWith();
    try {
      expect(runtime.plugins.commands()).toEqual(['echo.ping']);
      await expect(runtime.plugins.invoke('echo.ping', { text: 'x' }, makeContext('echo.ping'))).resolves.toEqual({ text: 'x' });
    } finally {
      await runtime.stop();
    }
  });
});
