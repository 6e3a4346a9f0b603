import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison: both sides are hashed first so lengths leak nothing. */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
