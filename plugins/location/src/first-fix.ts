import { ProviderDenied, ProviderUnavailable, type FixRequest, type LocationAdapter, type ProviderFix } from './location-adapter.js';

/** A provider that is reachable but has no fix after this long lets the next one try too (gpsd reports once a second). */
export const NEXT_PROVIDER_AFTER_MS = 1_500;

/** Why no provider answered: each one's reason, and whether one refused this node. */
export interface NoFix {
  readonly reasons: string[];
  readonly denied: boolean;
  readonly timedOut: boolean;
}

/**
 * Asks the providers in their configured order for a fix; the first fix wins and the others
 * are cancelled. The next provider is asked as soon as the one before is unavailable, or has
 * had `NEXT_PROVIDER_AFTER_MS` without a fix (a receiver without sky view must not hide a
 * working GeoClue). Rejects with a `NoFix` when every provider failed or the signal aborted.
 */
export function firstFix(adapters: readonly LocationAdapter[], request: FixRequest): Promise<ProviderFix> {
  const cancel = new AbortController();
  const signal = AbortSignal.any([request.signal, cancel.signal]);
  const reasons: string[] = [];
  let denied = false;
  let started = 0;
  let pending = 0;
  return new Promise<ProviderFix>((resolve, reject) => {
    const settleIfDone = () => {
      if (pending > 0 || (started < adapters.length && !request.signal.aborted)) return;
      reject({ reasons, denied, timedOut: request.signal.aborted } satisfies NoFix);
    };
    const next = () => {
      if (started >= adapters.length || signal.aborted) return settleIfDone();
      const adapter = adapters[started++]!;
      pending++;
      const slow = setTimeout(next, NEXT_PROVIDER_AFTER_MS);
      adapter.fix({ ...request, signal }).then(
        (fix) => {
          clearTimeout(slow);
          cancel.abort();
          resolve(fix);
        },
        (err: unknown) => {
          clearTimeout(slow);
          pending--;
          if (err instanceof ProviderUnavailable || err instanceof ProviderDenied) reasons.push(err.message);
          if (err instanceof ProviderDenied) denied = true;
          next();
        },
      );
    };
    next();
  });
}

export const isNoFix = (err: unknown): err is NoFix => typeof err === 'object' && err !== null && Array.isArray((err as NoFix).reasons);
