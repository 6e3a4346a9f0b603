import { defineErrorCodes, errorFactory } from '@openclaw-nodes/core/errors';

/**
 * The error codes the location plugin owns (COMMANDS.md 6; README.md lists them and a test
 * keeps the two in sync). Each leads its message, which is what clients match on.
 */
export const locationErrorCodes = defineErrorCodes({
  LOCATION_DISABLED: { wire: 'UNAVAILABLE', status: 403, matchable: true, summary: "Location is off on this node (`plugins.options.location.mode` is `off`)." },
  LOCATION_TIMEOUT: { wire: 'UNAVAILABLE', status: 504, matchable: true, summary: 'No fix arrived within `timeoutMs`.' },
  LOCATION_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503, matchable: true, summary: 'No location provider (gpsd, GeoClue) could be reached; the message says why for each.' },
  LOCATION_PERMISSION_REQUIRED: { wire: 'UNAVAILABLE', status: 403, matchable: true, summary: 'The location service refused this node (GeoClue denied access).' },
});

export type LocationErrorCode = keyof typeof locationErrorCodes;

const codedError = errorFactory(locationErrorCodes);

/** A location error whose message leads with its code: `LOCATION_TIMEOUT: no fix in 10000 ms`. */
export const locationError = (code: LocationErrorCode, text: string, details?: Record<string, unknown>) =>
  codedError(code, `${code}: ${text}`, details === undefined ? undefined : { details });
