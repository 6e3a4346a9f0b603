import { inject, injectable } from '@openclaw-nodes/core/di';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { PLUGIN_OPTIONS } from '@openclaw-nodes/core/plugin';
import { DEFAULT_LOCATION_TIMEOUT_MS, MAX_LOCATION_TIMEOUT_MS, MIN_LOCATION_TIMEOUT_MS, type LocationFix, type LocationGetParams } from './commands.js';
import { present } from './coarsen.js';
import { locationError } from './errors.js';
import { firstFix, isNoFix } from './first-fix.js';
import type { LocationAdapter, ProviderFix } from './location-adapter.js';
import type { LocationOptions } from './options.js';
import { LOCATION_ADAPTERS_FACTORY, type LocationAdaptersFactory } from './tokens.js';

/**
 * A fix received this recently counts as current when a call gives no `maxAgeMs`: gpsd
 * reports once a second, so this is the fix the receiver holds now, not a cached one.
 */
export const CURRENT_FIX_MS = 1_500;

/**
 * The node side of `location.get`: applies the node's mode and precision, the call's
 * `maxAgeMs` against the last fix, and asks the providers in order within `timeoutMs`.
 * Options change live (`reconfigure`), which drops the providers' connections.
 */
@injectable()
export class LocationService {
  #options: LocationOptions;
  #adapters: LocationAdapter[];
  #last: ProviderFix | undefined;

  constructor(
    @inject(PLUGIN_OPTIONS) options: LocationOptions,
    @inject(LOCATION_ADAPTERS_FACTORY) private readonly adaptersFor: LocationAdaptersFactory,
  ) {
    this.#options = options;
    this.#adapters = adaptersFor(options);
  }

  /** Whether location is on (`mode` other than `off`): the command and cap are announced only then. */
  get enabled(): boolean {
    return this.#options.mode !== 'off';
  }

  /** The permission map entry the node reports. */
  permissions(): Record<string, boolean> {
    return { location: this.enabled };
  }

  /** Takes new options; providers reconnect on the next call, and a turned-off node forgets its last fix. */
  reconfigure(options: LocationOptions): void {
    this.stop();
    this.#options = options;
    this.#adapters = this.adaptersFor(options);
  }

  stop(): void {
    for (const adapter of this.#adapters) adapter.close();
    this.#last = undefined;
  }

  /**
   * The node's position.
   * @throws LOCATION_DISABLED when the mode is off; LOCATION_TIMEOUT when no fix arrives in
   *   `timeoutMs` (clamped to 1 000–60 000 ms); LOCATION_UNAVAILABLE (each provider's reason) or
   *   LOCATION_PERMISSION_REQUIRED when no provider can answer.
   */
  async get(params: LocationGetParams, signal: AbortSignal): Promise<LocationFix> {
    if (!this.enabled) throw locationError('LOCATION_DISABLED', 'enable Location on this node (plugins.options.location.mode: whileUsing or always)');
    const precise = this.#options.precise && params.desiredAccuracy !== 'coarse';
    const now = Date.now();
    const { maxAgeMs } = params;
    if (maxAgeMs !== undefined && this.#last !== undefined && now - this.#last.receivedAtMs <= maxAgeMs) return present(this.#last, precise);
    const timeoutMs = Math.min(MAX_LOCATION_TIMEOUT_MS, Math.max(MIN_LOCATION_TIMEOUT_MS, params.timeoutMs ?? DEFAULT_LOCATION_TIMEOUT_MS));
    const deadline = AbortSignal.timeout(timeoutMs);
    const accuracy = params.desiredAccuracy ?? (this.#options.precise ? 'precise' : 'balanced');
    let fix: ProviderFix;
    try {
      fix = await firstFix(this.#adapters, { since: now - Math.max(maxAgeMs ?? 0, CURRENT_FIX_MS), accuracy, signal: AbortSignal.any([signal, deadline]) });
    } catch (err) {
      if (!isNoFix(err)) throw err;
      if (err.timedOut && deadline.aborted) throw locationError('LOCATION_TIMEOUT', `no fix in time (${timeoutMs} ms)`, { timeoutMs });
      if (err.timedOut) throw new OpenClawError('ABORTED', 'location.get was cancelled before a fix arrived');
      const why = err.reasons.join('; ') || 'no providers available';
      throw locationError(err.denied ? 'LOCATION_PERMISSION_REQUIRED' : 'LOCATION_UNAVAILABLE', why, { reasons: err.reasons });
    }
    if (this.#last === undefined || fix.receivedAtMs >= this.#last.receivedAtMs) this.#last = fix;
    return present(fix, precise);
  }
}
