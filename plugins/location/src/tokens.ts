import type { LocationAdapter } from './location-adapter.js';
import type { LocationOptions } from './options.js';

/** Builds the providers for a set of options, in the configured order. */
export type LocationAdaptersFactory = (options: LocationOptions) => LocationAdapter[];

/** The `LocationAdaptersFactory` bound in the plugin's container (tests bind their own). */
export const LOCATION_ADAPTERS_FACTORY = Symbol.for('openclaw.location.adapters');
