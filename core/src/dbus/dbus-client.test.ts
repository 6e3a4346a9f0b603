import { describe, expect, it } from 'vitest';
import { DbusClient } from './dbus-client.js';

describe('DbusClient.connect', () => {
  it('refuses an unusable address without connecting, and repeats at most 200 characters of it', async () => {
    const huge = `tcp:host=${'a'.repeat(100_000)},port=1`;
    const err = await DbusClient.connect(huge, 'system bus')
      .call({ destination: 'org.example', path: '/', interface: 'org.example', member: 'Ping' }, 1_000)
      .catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ kind: 'unreachable' });
    expect((err as Error).message).toMatch(/^cannot use the system bus \(tcp:host=a+…\): the bus address is longer than 1024 characters$/);
    expect((err as Error).message.length).toBeLessThan(300);
  });
});
