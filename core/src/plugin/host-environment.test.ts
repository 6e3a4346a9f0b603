import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeContext, makeHost, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { HOST_ENV } from '../tokens.js';
import { defineCommand } from './contract.js';
import { detectHostEnvironment, type HostEnvironment } from './host-environment.js';

describe('detectHostEnvironment', () => {
  it('finds an X11 or Wayland display on Linux, X11 first, and none without either', () => {
    expect(detectHostEnvironment({ DISPLAY: ':7' }, 'linux').display).toEqual({ kind: 'x11', name: ':7' });
    expect(detectHostEnvironment({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux').display).toEqual({ kind: 'wayland', name: 'wayland-0' });
    expect(detectHostEnvironment({ DISPLAY: ':1', WAYLAND_DISPLAY: 'wayland-0' }, 'linux').display?.kind).toBe('x11');
    expect(detectHostEnvironment({ DISPLAY: '  ' }, 'linux').display).toBeUndefined();
    expect(detectHostEnvironment({}, 'freebsd').display).toBeUndefined();
  });

  it('treats macOS and Windows processes as running in a desktop session', () => {
    expect(detectHostEnvironment({}, 'darwin').display).toEqual({ kind: 'native', name: 'desktop' });
    expect(detectHostEnvironment({}, 'win32').display?.kind).toBe('native');
  });

  it('keeps its own copy of the environment for child processes', () => {
    const env: Record<string, string> = { DISPLAY: ':3', PATH: '/bin' };
    const host = detectHostEnvironment(env, 'linux');
    env.DISPLAY = ':9';
    expect(host.env).toEqual({ DISPLAY: ':3', PATH: '/bin' });
  });
});

describe('the foreground rule', () => {
  const draw = defineCommand({ name: 'paint.draw', params: z.object({ color: z.string() }), result: z.object({ drawn: z.boolean() }), foreground: true });
  const plugin = makePlugin('paint', { commands: [draw], node: { handlers: () => ({ 'paint.draw': () => ({ drawn: true }) }) } });

  async function started(hostEnv: HostEnvironment) {
    const host = makeHost({ hostKind: 'desktop', hostEnv });
    host.load([plugin]);
    await host.start();
    return host;
  }

  it('refuses a foreground command without a display, before looking at its params', async () => {
    const host = await started(detectHostEnvironment({}, 'linux'));
    const err = await host.invoke('paint.draw', { color: 1 }, makeContext('paint.draw')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NODE_BACKGROUND_UNAVAILABLE', message: 'NODE_BACKGROUND_UNAVAILABLE: paint needs a display' });
  });

  it('runs it on a host with a display, and hands plugins the same environment object', async () => {
    const hostEnv = detectHostEnvironment({ DISPLAY: ':5' }, 'linux');
    let seen: unknown;
    const probe = makePlugin('probe', { node: { handlers: (c) => ((seen = c.resolve(HOST_ENV)), { 'probe.ping': (p: { text: string }) => p }) } });
    const host = makeHost({ hostKind: 'desktop', hostEnv });
    host.load([plugin, probe]);
    await host.start();
    expect(await host.invoke('paint.draw', { color: 'red' }, makeContext('paint.draw'))).toEqual({ drawn: true });
    expect(seen).toBe(hostEnv);
  });
});
