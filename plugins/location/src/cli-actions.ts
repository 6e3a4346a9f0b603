import type { CliNodeFlags, PluginCliContext } from '@openclaw-nodes/core/plugin';
import { LOCATION_ACCURACIES, MAX_LOCATION_TIMEOUT_MS, type DesiredAccuracy } from './commands.js';

export interface LocationGetFlags extends CliNodeFlags {
  maxAge?: string;
  accuracy?: string;
  locationTimeout: string;
}

/** `<lat>,<lon> ±<accuracy with one decimal>m`, or the compact payload when it has no position (CLI.md 5.10). */
export function locationLine(payload: unknown): string {
  const p = (payload ?? {}) as { lat?: unknown; lon?: unknown; accuracyMeters?: unknown };
  if (typeof p.lat !== 'number' || typeof p.lon !== 'number') return JSON.stringify(payload);
  const accuracy = typeof p.accuracyMeters === 'number' ? ` ±${p.accuracyMeters.toFixed(1)}m` : '';
  return `${p.lat},${p.lon}${accuracy}`;
}

/** `openclaw nodes location get`: sends `location.get` and prints the position. */
export async function locationGet(cli: PluginCliContext, flags: LocationGetFlags): Promise<void> {
  const timeoutMs = cli.numberFlag('--location-timeout', flags.locationTimeout, { integer: true, min: 1, max: MAX_LOCATION_TIMEOUT_MS * 10 });
  const maxAgeMs = flags.maxAge === undefined ? undefined : cli.numberFlag('--max-age', flags.maxAge, { integer: true, min: 0, max: 86_400_000 });
  // As the real CLI does: an accuracy it does not know is dropped, and the node decides.
  const desiredAccuracy = (LOCATION_ACCURACIES as readonly string[]).includes(flags.accuracy ?? '') ? (flags.accuracy as DesiredAccuracy) : undefined;
  const { payload } = await cli.invoke(flags, 'location.get', { timeoutMs, ...(maxAgeMs === undefined ? {} : { maxAgeMs }), ...(desiredAccuracy ? { desiredAccuracy } : {}) }, { invokeTimeoutMs: 20_000, timeoutMs: 30_000 });
  cli.report(flags, locationLine(payload), payload);
}
