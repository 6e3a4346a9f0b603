import type { LocationFix } from './commands.js';
import type { ProviderFix } from './location-adapter.js';

/** Two decimals of a degree: 1.1 km of latitude, at most that of longitude. */
const GRID = 100;
/** The farthest a point moves when rounded to the grid, metres (half a cell's diagonal at the equator), rounded up. */
const ROUNDING_ERROR_M = 787;
/** A coarse fix never claims better than this. */
export const COARSE_ACCURACY_M = 1_000;

/**
 * The fix as the caller gets it. Precise: as the provider reported it. Coarse: position rounded
 * to two decimals of a degree (about 1 km), accuracy widened by the rounding and at least
 * 1000 m, and the fields that would narrow it down again (altitude, speed, heading) dropped.
 *
 * @example
 * present({ lat: 52.520011, lon: 13.404951, accuracyMeters: 17.1, ... }, false);
 * // { lat: 52.52, lon: 13.4, accuracyMeters: 1000, isPrecise: false, ... }
 */
export function present(fix: ProviderFix, precise: boolean): LocationFix {
  const { receivedAtMs: _received, ...reported } = fix;
  if (precise) return { ...reported, isPrecise: true };
  const { altitudeMeters: _alt, speedMps: _speed, headingDeg: _heading, ...rest } = reported;
  return {
    ...rest,
    lat: Math.round(fix.lat * GRID) / GRID,
    lon: Math.round(fix.lon * GRID) / GRID,
    accuracyMeters: Math.max(COARSE_ACCURACY_M, Math.ceil(fix.accuracyMeters + ROUNDING_ERROR_M)),
    isPrecise: false,
  };
}
