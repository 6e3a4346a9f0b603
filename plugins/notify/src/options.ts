import { z } from 'zod';

/**
 * `plugins.options.notify` in config. Defaults live here.
 *
 * @example
 * { plugins: { enabled: ['system', 'notify'], options: { notify: { appName: 'Build Node', timeoutMs: 3000 } } } }
 */
export const notifyOptions = z.strictObject({
  /** The application name notifications carry (what the notification server shows as their sender). */
  appName: z.string().min(1).max(64).default('OpenClaw'),
  /** How long the notification service may take to answer one call, ms. */
  timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
  /** Most notifications a node shows in any minute; more are refused with UNAVAILABLE until the minute has passed. */
  maxPerMinute: z.number().int().min(1).max(600).default(60),
  /** Session bus address; the host's DBUS_SESSION_BUS_ADDRESS (else the systemd user bus) when unset. */
  sessionBus: z.string().min(1).max(1_024).optional(),
});

export type NotifyOptions = z.output<typeof notifyOptions>;
