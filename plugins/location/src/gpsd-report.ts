import type { ProviderFix } from './location-adapter.js';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The horizontal error estimate of a gpsd TPV report, metres: `eph` (gpsd's own estimate, at
 * about 95 % confidence), else the longitude and latitude errors `epx`/`epy` combined.
 * Undefined when gpsd gives none (no DOP from the receiver yet).
 */
export function horizontalError(tpv: Record<string, unknown>): number | undefined {
  if (finite(tpv.eph) && tpv.eph >= 0) return tpv.eph;
  if (finite(tpv.epx) && finite(tpv.epy) && tpv.epx >= 0 && tpv.epy >= 0) return Math.hypot(tpv.epx, tpv.epy);
  return undefined;
}

/**
 * A fix from one gpsd report (gpsd_json(5)): a `TPV` with a 2D or 3D fix, a position in range
 * and an error estimate; anything else (other classes, no fix yet, no estimate) is undefined.
 * Fields are read defensively: the report comes from a socket.
 *
 * @example
 * tpvFix({ class: 'TPV', mode: 3, lat: 52.52, lon: 13.4, eph: 17.1, time: '2026-02-14T09:30:08.000Z' }, Date.now());
 * // { lat: 52.52, lon: 13.4, accuracyMeters: 17.1, timestamp: '2026-02-14T09:30:08.000Z', source: 'gps', receivedAtMs: … }
 */
export function tpvFix(report: unknown, receivedAtMs: number): ProviderFix | undefined {
  if (typeof report !== 'object' || report === null) return undefined;
  const tpv = report as Record<string, unknown>;
  if (tpv.class !== 'TPV' || !finite(tpv.mode) || tpv.mode < 2) return undefined;
  const { lat, lon } = tpv;
  if (!finite(lat) || !finite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  const accuracyMeters = horizontalError(tpv);
  if (accuracyMeters === undefined) return undefined;
  const altitude = tpv.mode >= 3 ? [tpv.altMSL, tpv.alt].find(finite) : undefined;
  const time = typeof tpv.time === 'string' && tpv.time.length <= 40 && Number.isFinite(Date.parse(tpv.time)) ? new Date(tpv.time).toISOString() : new Date(receivedAtMs).toISOString();
  return {
    lat,
    lon,
    accuracyMeters,
    ...(altitude === undefined ? {} : { altitudeMeters: altitude }),
    ...(finite(tpv.speed) && tpv.speed >= 0 ? { speedMps: tpv.speed } : {}),
    ...(finite(tpv.track) && tpv.track >= 0 && tpv.track <= 360 ? { headingDeg: tpv.track } : {}),
    timestamp: time,
    source: 'gps',
    receivedAtMs,
  };
}
