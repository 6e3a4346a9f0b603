/**
 * The inline media budget of COMMANDS.md 1.6: a still travels as base64 and stays under 5 MB
 * once encoded (5 × 1024 × 1024 base64 characters).
 */
export const MEDIA_BASE64_BUDGET = 5 * 1024 * 1024;

/** Clips and screen recordings are clamped to this length (COMMANDS.md 1.6, 4.3, 5). */
export const MEDIA_MAX_CLIP_MS = 60_000;

/** The shortest clip or screen recording, ms (COMMANDS.md 4.3, 5). */
export const MEDIA_MIN_CLIP_MS = 250;

/**
 * The length (whole ms) a node records for a requested `durationMs`: rounded and clamped to
 * [250, 60000]; anything but a finite number is `fallback`. What a CLI waits for, too.
 *
 * @example
 * clipDurationMs(90_000, 3_000); // 60000
 */
export function clipDurationMs(value: unknown, fallback: number): number {
  const ms = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.round(Math.min(MEDIA_MAX_CLIP_MS, Math.max(MEDIA_MIN_CLIP_MS, ms)));
}

/**
 * Largest clip file the toolkit writes: 25 MiB, the Linux camera plugin's budget in
 * COMMANDS.md 4.3. Bigger results go out of band or not at all.
 */
export const MEDIA_CLIP_BYTES_BUDGET = 25 * 1024 * 1024;

/** Length in characters of the base64 (with padding) of `bytes` bytes. */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;
