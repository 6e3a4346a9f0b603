import { OpenClawError } from '@openclaw-nodes/core/errors';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h|d)?$/i;

/**
 * A duration flag as CLI.md 1.3 reads it: `<number>[ms|s|m|h|d]`, decimals allowed,
 * case-insensitive, a bare number is milliseconds. Whole milliseconds, rounded.
 *
 * @example
 * durationFlag('--duration', '1.5m'); // 90000
 */
export function durationFlag(name: string, raw: string): number {
  const text = raw.trim();
  if (text === '') throw new OpenClawError('CLI_USAGE', 'invalid duration (empty)', { details: { flag: name } });
  const m = DURATION.exec(text);
  const ms = m === null ? Number.NaN : Math.round(Number(m[1]) * UNIT_MS[(m[2] ?? 'ms').toLowerCase()]);
  if (!Number.isSafeInteger(ms)) throw new OpenClawError('CLI_USAGE', `invalid duration: ${raw}`, { details: { flag: name } });
  return ms;
}
