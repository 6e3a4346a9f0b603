/**
 * The inline media budget of COMMANDS.md 1.6: a still travels as base64 and stays under 5 MB
 * once encoded (5 × 1024 × 1024 base64 characters).
 */
export const MEDIA_BASE64_BUDGET = 5 * 1024 * 1024;

/** Clips and screen recordings are clamped to this length (COMMANDS.md 1.6, 4.3, 5). */
export const MEDIA_MAX_CLIP_MS = 60_000;

/**
 * Largest clip file the toolkit writes: 25 MiB, the Linux camera plugin's budget in
 * COMMANDS.md 4.3. Bigger results go out of band or not at all.
 */
export const MEDIA_CLIP_BYTES_BUDGET = 25 * 1024 * 1024;

/** Length in characters of the base64 (with padding) of `bytes` bytes. */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;
