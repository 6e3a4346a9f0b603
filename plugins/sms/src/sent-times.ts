import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@openclaw-nodes/core/store';

/** Largest file read back: a limit of 1000 sends an hour is ~15 KB of timestamps. */
const MAX_FILE_BYTES = 64 * 1024;
/** A clock set back a little must not make every recorded send look like the future. */
const CLOCK_SLACK_MS = 60_000;

/** Where a node keeps the times of its recent sends: `<stateDir>/sms/sent-times.json` (0600). */
export const sentTimesPath = (stateDir: string): string => join(stateDir, 'sms', 'sent-times.json');

/**
 * The send times in `path` still inside the window (`windowMs` back from `now`), oldest first,
 * at most `limit`. A missing, oversized or damaged file reads as no sends: the cap is a
 * nuisance guard, and a node must still start.
 */
export async function loadSentTimes(path: string, limit: number, windowMs: number, now = Date.now()): Promise<number[]> {
  try {
    const text = await readFile(path, 'utf8');
    if (text.length > MAX_FILE_BYTES) return [];
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    const times = parsed.filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t > now - windowMs && t <= now + CLOCK_SLACK_MS);
    return times.sort((a, b) => a - b).slice(-limit);
  } catch {
    return [];
  }
}

/** Replaces the file at `path` with `times` atomically (a crash leaves the old list or the new one). */
export function saveSentTimes(path: string, times: readonly number[]): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(times)}\n`);
}
