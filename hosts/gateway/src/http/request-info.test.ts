import { describe, expect, it } from 'vitest';
import { isLoopbackHost, originAllowed } from './request-info.js';

describe('isLoopbackHost', () => {
  it('accepts loopback names with or without a port and nothing else', () => {
    for (const host of ['localhost', 'localhost:18789', '127.0.0.1', '127.1.2.3:80', '[::1]', '[::1]:18789']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [undefined, '', 'localhost.evil.example', '127.0.0.1.nip.io', 'evil.example:18789', '10.0.0.1', '[::2]:1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('originAllowed', () => {
  it("allows no Origin, the gateway's own origin and listed ones", () => {
    expect(originAllowed(undefined, '127.0.0.1:1', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:1', '127.0.0.1:1', [])).toBe(true);
    expect(originAllowed('https://ui.example', '127.0.0.1:1', ['https://ui.example'])).toBe(true);
    expect(originAllowed('https://evil.example', '127.0.0.1:1', ['https://ui.example'])).toBe(false);
    expect(originAllowed('http://127.0.0.1:2', '127.0.0.1:1', [])).toBe(false);
  });
});
