import type { DesiredAccuracy, LocationFix } from './commands.js';
import type { LocationAdapterName } from './options.js';

/** A fix as a provider reported it, before the node's precision setting is applied. */
export type ProviderFix = Omit<LocationFix, 'isPrecise'> & {
  /** When this node received it (ms since the epoch): what `maxAgeMs` and freshness go by. */
  readonly receivedAtMs: number;
};

/** What a fix request tells a provider. */
export interface FixRequest {
  /** Only a fix received at or after this time (ms since the epoch) will do. */
  readonly since: number;
  readonly accuracy: DesiredAccuracy;
  /** Aborted at the call's deadline or when the call is cancelled. */
  readonly signal: AbortSignal;
}

/**
 * One location provider (gpsd, GeoClue). `fix` resolves with a fix received at or after
 * `since`, rejects with `ProviderUnavailable` when the provider cannot be reached or has no
 * source, and with the signal's reason when the signal aborts first.
 */
export interface LocationAdapter {
  readonly name: LocationAdapterName;
  fix(request: FixRequest): Promise<ProviderFix>;
  /** Drops connections; a later `fix` opens them again. */
  close(): void;
}

/** A provider that cannot answer at all; `message` says why, for LOCATION_UNAVAILABLE. */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
}

/** A provider that refused this node (GeoClue's access control), for LOCATION_PERMISSION_REQUIRED. */
export class ProviderDenied extends Error {
  override readonly name = 'ProviderDenied';
}

/** Rejects with the signal's reason once it aborts; never settles otherwise. */
export function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
