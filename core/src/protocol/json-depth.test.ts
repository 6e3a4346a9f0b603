import { describe, expect, it } from 'vitest';
import { OpenClawError } from '../errors/openclaw-error.js';
import { MAX_JSON_DEPTH, MAX_PAYLOAD_DEPTH } from './constants.js';
import { jsonTextTooDeep, parseJsonBounded, stringifyJson, valueTooDeep } from './json-depth.js';
import { encodeResponse } from './encode.js';
import { parseFrame } from './parse-frame.js';

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
const objects = (depth: number): string => (depth === 0 ? '1' : `{"a":${objects(depth - 1)}}`);

function thrown(fn: () => unknown): OpenClawError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OpenClawError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('jsonTextTooDeep', () => {
  it('counts arrays and objects alike, and stops exactly past the limit', () => {
    expect(jsonTextTooDeep(nested(64), 64)).toBe(false);
    expect(jsonTextTooDeep(nested(65), 64)).toBe(true);
    expect(jsonTextTooDeep(objects(64), 64)).toBe(false);
    expect(jsonTextTooDeep(objects(65), 64)).toBe(true);
    expect(jsonTextTooDeep('[[1],[2],{"a":[3]}]', 3)).toBe(false);
    expect(jsonTextTooDeep('[[1],[2],{"a":[3]}]', 2)).toBe(true);
    expect(jsonTextTooDeep('"text"', 0)).toBe(false);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    expect(jsonTextTooDeep(JSON.stringify({ s: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify({ s: 'say \\"[[[[ \\\\' }), 1)).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify(['a\\', ['b"[[[[']]), 2)).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify(['a\\', [['b']]]), 2)).toBe(true);
  });

  it('agrees with the value walk on what JSON.stringify produces', () => {
    const value = { a: [1, { b: ['x', { c: [[['deep']]] }] }], s: '}}]]' };
    const text = JSON.stringify(value);
    for (let limit = 0; limit < 10; limit++) expect(jsonTextTooDeep(text, limit)).toBe(valueTooDeep(value, limit));
  });
});

describe('valueTooDeep', () => {
  it('walks a value nested far past what recursion survives', () => {
    const deep = JSON.parse(nested(100_000));
    expect(valueTooDeep(deep, MAX_PAYLOAD_DEPTH)).toBe(true);
    expect(valueTooDeep({ a: 1, b: [1, 2, { c: null }] }, 3)).toBe(false);
    expect(valueTooDeep('plain', 0)).toBe(false);
  });

  it('ends on a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(valueTooDeep(cyclic, MAX_PAYLOAD_DEPTH)).toBe(true);
  });
});

describe('bounded JSON', () => {
  it('parses within the bound and refuses past it with PAYLOAD_TOO_DEEP', () => {
    expect(parseJsonBounded('{"a":[1]}', 2, 'paramsJSON')).toEqual({ a: [1] });
    const err = thrown(() => parseJsonBounded(nested(6_000), MAX_PAYLOAD_DEPTH, 'paramsJSON'));
    expect(err.code).toBe('PAYLOAD_TOO_DEEP');
    expect(err.message).toBe('paramsJSON is nested more than 64 levels deep; flatten it');
    expect(() => parseJsonBounded('{', 2, 'x')).toThrow(SyntaxError);
  });

  it('turns a stringify stack overflow into PAYLOAD_TOO_DEEP and a cycle into INTERNAL_ERROR', () => {
    expect(thrown(() => stringifyJson(JSON.parse(nested(20_000)), 'response')).code).toBe('PAYLOAD_TOO_DEEP');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(thrown(() => stringifyJson(cyclic, 'response')).code).toBe('INTERNAL_ERROR');
  });

  it('makes encodeResponse answer a payload JSON cannot hold with that coded error instead of throwing', () => {
    const frame = JSON.parse(encodeResponse('9:x', true, JSON.parse(nested(20_000))));
    expect(frame).toMatchObject({ type: 'res', id: '9:x', ok: false, error: { code: 'INVALID_REQUEST', details: { code: 'PAYLOAD_TOO_DEEP' } } });
  });

  it('makes parseFrame refuse a frame nested past MAX_JSON_DEPTH, keeping the request id', () => {
    const params = JSON.parse(nested(MAX_JSON_DEPTH));
    const err = thrown(() => parseFrame(JSON.stringify({ type: 'req', id: '7:x', method: 'node.event', params })));
    expect(err.code).toBe('PAYLOAD_TOO_DEEP');
    expect(err.details).toEqual({ id: '7:x', method: 'node.event', maxDepth: MAX_JSON_DEPTH });
    expect(err.toWire().code).toBe('INVALID_REQUEST');
    const fits = JSON.parse(nested(MAX_JSON_DEPTH - 2));
    expect(parseFrame(JSON.stringify({ type: 'req', id: '8:x', method: 'node.event', params: fits }))).toMatchObject({ id: '8:x' });
  });
});
