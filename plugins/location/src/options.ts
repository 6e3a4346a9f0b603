import { z } from 'zod';

/** Where a fix can come from, tried in the configured order. */
export const LOCATION_ADAPTERS = ['gpsd', 'geoclue'] as const;
export type LocationAdapterName = (typeof LOCATION_ADAPTERS)[number];

/** `host:port`, `[v6]:port`: gpsd's address. */
const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253}):(\d{1,5})$/;

/**
 * `plugins.options.location` in config. Defaults live here; location is off until a person
 * turns it on.
 *
 * @example
 * // openclaw.json
 * { plugins: { enabled: ['system', 'location'], options: { location: { mode: 'whileUsing', precise: false } } } }
 */
export const locationOptions = z.strictObject({
  /** `off`: `location.get` and the `location` cap are not announced and a call gets LOCATION_DISABLED. */
  mode: z.enum(['off', 'whileUsing', 'always']).default('off'),
  /** `false`: every fix is rounded to about 1 km and says so (`isPrecise: false`, accuracy at least 1000 m). */
  precise: z.boolean().default(true),
  /** gpsd's address. */
  gpsd: z
    .string()
    .regex(HOST_PORT, 'expected "host:port"')
    .refine((v) => Number(HOST_PORT.exec(v)?.[1]) >= 1 && Number(HOST_PORT.exec(v)?.[1]) <= 65_535, 'port must be 1-65535')
    .default('127.0.0.1:2947'),
  /** Providers in the order they are asked; the first with a fix answers. */
  adapters: z
    .array(z.enum(LOCATION_ADAPTERS))
    .min(1)
    .max(LOCATION_ADAPTERS.length)
    .refine((list) => new Set(list).size === list.length, 'each adapter at most once')
    .default(['gpsd', 'geoclue']),
});

export type LocationOptions = z.output<typeof locationOptions>;

/** Splits the `gpsd` option into host and port (brackets of an IPv6 address removed). */
export function gpsdAddress(option: string): { host: string; port: number } {
  const at = option.lastIndexOf(':');
  return { host: option.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(option.slice(at + 1)) };
}
