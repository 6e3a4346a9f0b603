import { z } from 'zod';

/**
 * The media fields of a result schema: inline `base64` or an out-of-band `url`, exactly one
 * (COMMANDS.md 1.6). Intersect it with the rest of a media result, so whichever way
 * `deliverMedia` chose validates.
 *
 * @example
 * export const snapResult = z.intersection(z.object({ format: z.literal('jpg'), width: z.number().int() }), deliveredMediaSchema);
 */
export const deliveredMediaSchema = z.union([z.object({ base64: z.string(), url: z.undefined().optional() }), z.object({ url: z.string(), base64: z.undefined().optional() })]);
