import { describe, expect, it } from 'vitest';
import { makeContext, makeHost, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { rootContainer } from '../di.js';
import { createLogger, type Logger } from '../logger.js';
import { LOGGER } from '../tokens.js';

/** A plugin whose `<name>.ping` handler logs through the LOGGER it injects. */
function loggingPlugin(name: string) {
  return makePlugin(name, {
    node: {
      handlers: (container) => {
        const logger = container.resolve<Logger>(LOGGER);
        return { [`${name}.ping`]: (p: { text: string }) => (logger.info({ text: p.text }, 'pinged'), { text: p.text }) };
      },
    },
  });
}

describe('LOGGER in plugin containers', () => {
  it('hands each plugin a child of the host logger carrying its name', async () => {
    const lines: string[] = [];
    const container = rootContainer.createChildContainer();
    container.register(LOGGER, { useValue: await createLogger({ name: 'node-host', destination: { write: (l: string) => void lines.push(l) } }) });
    const host = makeHost({ container });
    host.load([loggingPlugin('echo'), loggingPlugin('other')]);
    await host.start();
    await host.invoke('echo.ping', { text: 'hi' }, makeContext('echo.ping'));
    await host.invoke('other.ping', { text: 'yo' }, makeContext('other.ping'));
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ name: 'node-host', plugin: 'echo', text: 'hi', msg: 'pinged', level: 'info' }),
      expect.objectContaining({ name: 'node-host', plugin: 'other', text: 'yo', msg: 'pinged', level: 'info' }),
    ]);
  });
});
