import { describe, expect, it } from 'vitest';
import { escapeUnsafe, printable } from './printable.js';

describe('printable', () => {
  it.each([
    ['an escape sequence', 'a\u001b[31mb', 'a?[31mb'],
    ['a C1 CSI', 'a\u009b31mb', 'a?31mb'],
    ['a right-to-left override', 'evil\u202egpj.exe', 'evil?gpj.exe'],
    ['an Arabic letter mark', 'a\u061cb', 'a?b'],
    ['a zero-width space', 'ro\u200bot', 'ro?ot'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a?b?c'],
    ['isolates', '\u2066a\u2067b\u2068c\u2069', '?a?b?c?'],
    ['left-to-right and right-to-left marks', 'a\u200eb\u200fc', 'a?b?c'],
    ['a byte-order mark', '\ufeffname', '?name'],
  ])('replaces %s', (_what, text, shown) => expect(printable(text)).toBe(shown));

  it('keeps ordinary text, accents and emoji', () => {
    expect(printable('Büro-Node 🚀 ümlaut')).toBe('Büro-Node 🚀 ümlaut');
  });

  it('escapes for logs, leaving C0 to JSON when asked', () => {
    expect(escapeUnsafe('a\u202eb\nc')).toBe('a\\u202eb\\u000ac');
    expect(escapeUnsafe('a\u202eb\n', true)).toBe('a\\u202eb\n');
  });
});
