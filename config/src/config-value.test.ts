import { describe, expect, it } from 'vitest';
import { isOpenClawError } from '@openclaw-nodes/core/errors';
import { getConfigValue, setConfigValue, unsetConfigValue } from './config-value.js';
import { parseConfigValue } from './parse-config-value.js';

const makeRaw = (): Record<string, unknown> => ({
  $schema: './schema.json',
  gateway: { port: 18790 },
  agents: { list: [{ id: 'main' }, { id: 'ops', tools: { exec: { node: 'Build Node' } } }] },
});

const errorOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

describe('getConfigValue', () => {
  it('reads keys and indexes, and undefined for anything missing', () => {
    const raw = makeRaw();
    expect(getConfigValue(raw, 'agents.list[1].tools.exec.node')).toBe('Build Node');
    expect(getConfigValue(raw, 'agents.list.1.id')).toBe('ops');
    expect(getConfigValue(raw, 'agents.list[5].id')).toBeUndefined();
    expect(getConfigValue(raw, 'gateway.port.x')).toBeUndefined();
    expect(getConfigValue(raw, ['gateway'])).toEqual({ port: 18790 });
  });
});

describe('setConfigValue', () => {
  it('creates missing objects, and a list for a bracketed index', () => {
    const raw: Record<string, unknown> = {};
    setConfigValue(raw, 'tools.exec.host', 'node');
    setConfigValue(raw, 'agents.list[0].id', 'main');
    expect(raw).toEqual({ tools: { exec: { host: 'node' } }, agents: { list: [{ id: 'main' }] } });
  });

  it('leaves sibling keys and other list items alone', () => {
    const raw = makeRaw();
    setConfigValue(raw, 'agents.list[0].tools.exec.node', 'abc123');
    expect(raw).toEqual({
      $schema: './schema.json',
      gateway: { port: 18790 },
      agents: { list: [{ id: 'main', tools: { exec: { node: 'abc123' } } }, { id: 'ops', tools: { exec: { node: 'Build Node' } } }] },
    });
  });

  it('appends at the end of a list but refuses to leave holes', () => {
    const raw = makeRaw();
    setConfigValue(raw, 'agents.list[2]', { id: 'third' });
    expect(getConfigValue(raw, 'agents.list[2].id')).toBe('third');
    const err = errorOf(() => setConfigValue(raw, 'agents.list[9].id', 'x'));
    expect(isOpenClawError(err, 'CONFIG_PATH_INVALID')).toBe(true);
    expect((err as Error).message).toContain('use index 3 to append');
  });

  it('refuses to walk through a scalar', () => {
    const err = errorOf(() => setConfigValue(makeRaw(), 'gateway.port.number', 1));
    expect((err as Error).message).toBe('Cannot set gateway.port.number: gateway.port is a number, not an object.');
  });

  it('never writes to the object prototype', () => {
    const raw: Record<string, unknown> = {};
    expect(isOpenClawError(errorOf(() => setConfigValue(raw, ['__proto__', 'polluted'], true)), 'CONFIG_PATH_INVALID')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('unsetConfigValue', () => {
  it('deletes a key and reports whether anything was there', () => {
    const raw = makeRaw();
    expect(unsetConfigValue(raw, 'agents.list[1].tools.exec.node')).toBe(true);
    expect(raw.agents).toEqual({ list: [{ id: 'main' }, { id: 'ops', tools: { exec: {} } }] });
    expect(unsetConfigValue(raw, 'agents.list[1].tools.exec.node')).toBe(false);
    expect(unsetConfigValue(raw, 'nothing.here')).toBe(false);
  });

  it('splices a list item out so later items move up', () => {
    const raw = makeRaw();
    expect(unsetConfigValue(raw, 'agents.list[0]')).toBe(true);
    expect(getConfigValue(raw, 'agents.list')).toEqual([{ id: 'ops', tools: { exec: { node: 'Build Node' } } }]);
  });
});

describe('parseConfigValue', () => {
  it('parses JSON5 and falls back to the text', () => {
    expect(parseConfigValue('18790')).toBe(18790);
    expect(parseConfigValue('true')).toBe(true);
    expect(parseConfigValue("{id: 'main', tags: ['a',],}")).toEqual({ id: 'main', tags: ['a'] });
    expect(parseConfigValue('Build Node')).toBe('Build Node');
    expect(parseConfigValue('"quoted"')).toBe('quoted');
  });

  it('with strictJson, refuses anything that is not JSON', () => {
    expect(parseConfigValue('[1, 2]', { strictJson: true })).toEqual([1, 2]);
    expect(isOpenClawError(errorOf(() => parseConfigValue('Build Node', { strictJson: true })), 'CLI_USAGE')).toBe(true);
    expect(isOpenClawError(errorOf(() => parseConfigValue('{id: 1}', { strictJson: true })), 'CLI_USAGE')).toBe(true);
  });
});
