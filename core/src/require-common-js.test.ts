import { describe, expect, it } from 'vitest';
import { requireCommonJs } from './require-common-js.js';

describe('requireCommonJs', () => {
  it('returns the module instance an ES import of the package gets', async () => {
    const required = requireCommonJs<typeof import('ws')>(import.meta.url, 'ws');
    expect(required.WebSocket).toBe((await import('ws')).WebSocket);
  });

  it('throws when the package cannot be resolved from the given module', () => {
    expect(() => requireCommonJs(import.meta.url, 'no-such-package-anywhere')).toThrow(/Cannot find module/);
  });
});
