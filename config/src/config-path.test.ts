import { describe, expect, it } from 'vitest';
import { isOpenClawError } from '@openclaw-nodes/core/errors';
import { formatConfigPath, parseConfigPath } from './config-path.js';

describe('parseConfigPath', () => {
  it('reads dots and bracket indexes', () => {
    expect(parseConfigPath('agents.list[0].tools.exec.node')).toEqual(['agents', 'list', 0, 'tools', 'exec', 'node']);
    expect(parseConfigPath('tools.exec.host')).toEqual(['tools', 'exec', 'host']);
    expect(parseConfigPath('list[12][3]')).toEqual(['list', 12, 3]);
    expect(parseConfigPath('$schema')).toEqual(['$schema']);
  });

  it('reads quoted bracket keys, which may contain dots and brackets', () => {
    expect(parseConfigPath('plugins.options["acme.camera"].fps')).toEqual(['plugins', 'options', 'acme.camera', 'fps']);
    expect(parseConfigPath("a['b]c'].d")).toEqual(['a', 'b]c', 'd']);
    expect(parseConfigPath('a["say \\"hi\\""]')).toEqual(['a', 'say "hi"']);
    expect(parseConfigPath('["top"].x')).toEqual(['top', 'x']);
  });

  it.each([
    ['', 'path is empty'],
    ['   ', 'path is empty'],
    ['.a', 'unexpected "."'],
    ['a.', 'expected a key'],
    ['a..b', 'unexpected "."'],
    ['a[', 'expected an array index or a quoted key'],
    ['a[0', 'expected "]"'],
    ['a[-1]', 'expected an array index or a quoted key'],
    ['a[x]', 'expected an array index or a quoted key'],
    ['a["b]', 'unterminated quoted key'],
    ['a]b', 'unexpected "]"'],
    ['a b', 'unexpected " "'],
    ['a.__proto__.x', 'key "__proto__" is not allowed'],
    ['constructor', 'key "constructor" is not allowed'],
  ])('rejects %j with CONFIG_PATH_INVALID (%s)', (expression, reason) => {
    let caught: unknown;
    try {
      parseConfigPath(expression);
    } catch (err) {
      caught = err;
    }
    expect(isOpenClawError(caught, 'CONFIG_PATH_INVALID')).toBe(true);
    expect((caught as Error).message).toContain(reason);
    expect((caught as Error).message).toContain(`"${expression}"`);
  });
});

describe('formatConfigPath', () => {
  it('writes paths the parser reads back', () => {
    for (const path of [['agents', 'list', 0, 'tools', 'exec', 'node'], ['plugins', 'options', 'acme.camera'], ['a', '0'], ['on-miss']]) {
      expect(parseConfigPath(formatConfigPath(path))).toEqual(path);
    }
    expect(formatConfigPath(['agents', 'list', 0, 'id'])).toBe('agents.list[0].id');
    expect(formatConfigPath(['plugins', 'options', 'acme.camera'])).toBe('plugins.options["acme.camera"]');
    expect(formatConfigPath([])).toBe('(root)');
  });
});
