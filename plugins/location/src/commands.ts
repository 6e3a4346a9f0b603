import { z } from 'zod';
import { defineCommand } from '@openclaw-nodes/core/plugin';

/** How long a call waits for a fix by default, and the range it is clamped to (COMMANDS.md 6, as Android does). */
export const DEFAULT_LOCATION_TIMEOUT_MS = 10_000;
export const MIN_LOCATION_TIMEOUT_MS = 1_000;
export const MAX_LOCATION_TIMEOUT_MS = 60_000;

export const LOCATION_ACCURACIES = ['coarse', 'balanced', 'precise'] as const;
export type DesiredAccuracy = (typeof LOCATION_ACCURACIES)[number];

export const LocationGetParamsSchema = z
  .strictObject({
    /** Wait at most this long for a fix, ms; clamped to 1 000–60 000. */
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    /** Reuse a fix no older than this, ms; absent: a current fix. */
    maxAgeMs: z.number().int().min(0).max(86_400_000).optional(),
    /** `coarse` rounds the answer to about 1 km; default `precise`, or `balanced` when the node's precise option is off. */
    desiredAccuracy: z.enum(LOCATION_ACCURACIES).optional(),
  })
  .nullish()
  .transform((p) => p ?? {});
export type LocationGetParams = z.output<typeof LocationGetParamsSchema>;

const finite = z.number().refine(Number.isFinite, 'must be finite');

export const LocationFixSchema = z.strictObject({
  lat: finite.min(-90).max(90),
  lon: finite.min(-180).max(180),
  accuracyMeters: finite.min(0),
  altitudeMeters: finite.optional(),
  speedMps: finite.min(0).optional(),
  headingDeg: finite.min(0).max(360).optional(),
  /** ISO 8601, when the fix was taken. */
  timestamp: z.iso.datetime({ offset: true }),
  isPrecise: z.boolean(),
  source: z.enum(['gps', 'wifi', 'cell', 'unknown']),
});
export type LocationFix = z.output<typeof LocationFixSchema>;

/** `location.get` (COMMANDS.md 6): the node's position. */
export const locationGetCommand = defineCommand({
  name: 'location.get',
  params: LocationGetParamsSchema,
  result: LocationFixSchema,
  description: "The node's position from gpsd or GeoClue",
});

export const locationCommands = [locationGetCommand];
