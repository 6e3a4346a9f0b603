import { OpenClawError } from '@openclaw-nodes/core/errors';

/**
 * A numeric flag, strictly: the whole value must be a finite number in range. An explicit
 * empty value is an error too (CLI.md 1.3, as 2026.9.6 checks).
 */
export function numberFlag(name: string, raw: string, { integer = false, min, max }: { integer?: boolean; min?: number; max?: number } = {}): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const kind = integer ? 'an integer' : 'a number';
  const range = min !== undefined && max !== undefined ? ` between ${min} and ${max}` : min !== undefined ? ` >= ${min}` : max !== undefined ? ` <= ${max}` : '';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || (min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new OpenClawError('CLI_USAGE', `${name} must be ${kind}${range}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
