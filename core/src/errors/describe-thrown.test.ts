import { describe, expect, it } from 'vitest';
import { describeThrown, describeThrownWithStack } from './describe-thrown.js';

/** Values plugin code can throw that refuse, one way or another, to become text. */
const hostile: Array<[string, unknown, string]> = [
  ['an object without a prototype', Object.create(null), 'a thrown object that cannot be printed'],
  ['a Symbol', Symbol('boom'), 'Symbol(boom)'],
  ['a Proxy whose traps throw', new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } }), 'a thrown object that cannot be printed'],
  ['an Error whose message getter throws', Object.defineProperty(new Error('x'), 'message', { get: () => { throw new Error('getter'); } }), 'a thrown object that cannot be printed'],
  ['an Error whose message is a Symbol', Object.assign(new Error('x'), { message: Symbol('m') }), 'Symbol(m)'],
  ['a revoked Proxy', (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })(), 'a thrown value that cannot be printed'],
];

describe('describeThrown', () => {
  it.each(hostile)('gives text for %s instead of throwing', (_what, value, text) => {
    expect(describeThrown(value)).toBe(text);
    expect(typeof describeThrownWithStack(value)).toBe('string');
  });

  it('keeps the message of an Error, the text of a string and caps what it returns', () => {
    expect(describeThrown(new Error('disk full'))).toBe('disk full');
    expect(describeThrown('raw string')).toBe('raw string');
    expect(describeThrown(undefined)).toBe('undefined');
    expect(describeThrown('x'.repeat(5_000))).toHaveLength(2_001);
    expect(describeThrownWithStack(new Error('disk full'))).toMatch(/^Error: disk full\n\s+at /);
  });
});
