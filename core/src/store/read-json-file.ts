import { readFile } from 'node:fs/promises';
import { OpenClawError } from '../errors/openclaw-error.js';
import { MAX_JSON_DEPTH } from '../protocol/constants.js';
import { jsonTextTooDeep } from '../protocol/json-depth.js';

/**
 * Reads and parses a JSON state file. Resolves `undefined` when the file does not exist.
 *
 * @throws OpenClawError `STORE_CORRUPT` when it exists but cannot be read or parsed, or nests
 * deeper than `MAX_JSON_DEPTH` (no state file of ours does; walking one would overflow the
 * stack); the message names the file and how to get going again.
 *
 * @example
 * const node = await readJsonFile<NodeFile>(join(stateDir, 'node.json'));
 */
export async function readJsonFile<T = unknown>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw storeCorrupt(path, `cannot be read (${reasonOf(err)})`, err);
  }
  if (jsonTextTooDeep(text, MAX_JSON_DEPTH)) {
    throw storeCorrupt(path, `is nested more than ${MAX_JSON_DEPTH} levels deep`, undefined);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw storeCorrupt(path, `is not valid JSON (${reasonOf(err)})`, err);
  }
}

/** The one wording for a state file we cannot use, so every store tells the user the same fix. */
export function storeCorrupt(path: string, problem: string, cause: unknown): OpenClawError {
  return new OpenClawError(
    'STORE_CORRUPT',
    `State file ${path} ${problem}. Repair it, or move it aside (for example to ${path}.corrupt) to start over with a fresh one.`,
    { details: { path }, cause },
  );
}

export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
