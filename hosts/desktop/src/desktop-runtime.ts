import type { BuiltinPlugins } from '@openclaw-nodes/core/plugin';
import { startNodeRuntime, type NodeRuntimeOptions } from '@openclaw-nodes/node-host';

/**
 * Capabilities a desktop node host can enable, imported only when enabled. `camera`,
 * `screen`, `location` and `notify` join this map as their plugins land.
 */
export const DESKTOP_BUILTINS: BuiltinPlugins = {
  system: async () => (await import('@openclaw-nodes/plugin-system')).default,
  canvas: async () => (await import('@openclaw-nodes/plugin-canvas')).default,
  camera: async () => (await import('@openclaw-nodes/plugin-camera')).default,
  location: async () => (await import('@openclaw-nodes/plugin-location')).default,
  notify: async () => (await import('@openclaw-nodes/plugin-notify')).default,
  screen: async () => (await import('@openclaw-nodes/plugin-screen')).default,
  sms: async () => (await import('@openclaw-nodes/plugin-sms')).default,
};

/** What a desktop node runs when config names no `plugins.enabled`. */
// The camera is listed but answers CAMERA_DISABLED until plugins.options.camera.enabled is
// true; location is off (not advertised) until plugins.options.location.mode turns it on; sms
// is advertised only where a modem answers and plugins.options.sms.allowSend is true.
export const DESKTOP_DEFAULTS: readonly string[] = ['system', 'canvas', 'camera', 'screen', 'location', 'notify', 'sms'];

export type DesktopRuntimeOptions = Omit<NodeRuntimeOptions, 'builtins' | 'defaults' | 'hostKind'>;

/**
 * Composes a desktop node host: the headless host's connection, state and pairing, plus the
 * capabilities that need a screen. It is in the foreground when the machine has a display
 * (`DISPLAY` / `WAYLAND_DISPLAY`, read once into the `HOST_ENV` object) and its canvas
 * window is up; otherwise `canvas.*` answers `NODE_BACKGROUND_UNAVAILABLE`.
 *
 * @example
 * const runtime = await startDesktopRuntime({ stateDir, host: '127.0.0.1', port: 18789, token, version });
 * await runtime.host.run();
 */
export function startDesktopRuntime(options: DesktopRuntimeOptions): ReturnType<typeof startNodeRuntime> {
  return startNodeRuntime({
    ...options,
    hostKind: 'desktop',
    builtins: DESKTOP_BUILTINS,
    defaults: DESKTOP_DEFAULTS,
  });
}
