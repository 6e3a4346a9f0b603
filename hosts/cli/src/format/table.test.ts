import { describe, expect, it } from 'vitest';
import { printable, table } from './table.js';

describe('table', () => {
  it('shows control characters in cells as ?, so a reported name or version cannot drive the terminal', () => {
    const version = '1.0.0\u001b[31mRED\u001b[0m\u001b]0;pwned\u0007';
    const text = table(['Plugin', 'Version'], [['ansi', version]]);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n')[2]).toBe('ansi    1.0.0?[31mRED?[0m?]0;pwned?');
  });

  it('keeps plain text as it is', () => {
    expect(printable('Build Node · 1.2.0')).toBe('Build Node · 1.2.0');
  });
});
