import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DbusClient } from './dbus-client.js';

// Each test file runs in its own process, so nothing else here has loaded the library.
const libraryLoaded = (): boolean => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('dbus-native'));
const ping = { destination: 'org.example', path: '/', interface: 'org.example', member: 'Ping' };

describe('the D-Bus library', () => {
  it('stays unloaded while no bus address can be used (no session bus on a headless machine)', async () => {
    expect(libraryLoaded()).toBe(false);
    const err = await DbusClient.connect(undefined, 'session bus').call(ping, 1_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unreachable' });
    expect(libraryLoaded()).toBe(false);
  });

  it('is loaded by the first connection to a bus socket, which fails as unreachable when nothing listens', async () => {
    const err = await DbusClient.connect('unix:path=/nonexistent/openclaw-test-bus', 'session bus').call(ping, 2_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unreachable' });
    expect(libraryLoaded()).toBe(true);
  });
});
