import { join } from 'node:path';
import { MAX_JSON_DEPTH } from '../protocol/constants.js';
import { jsonTextTooDeep } from '../protocol/json-depth.js';
import { readBoundedFile } from '../store/read-bounded-file.js';

/** A package.json larger than this is not a plugin manifest: 128 KiB holds any real one. */
export const MAX_MANIFEST_BYTES = 128 * 1024;

/** A parsed package.json; only the fields plugin loading reads are typed. */
export interface PackageManifest {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly main?: unknown;
  readonly exports?: unknown;
  readonly keywords?: unknown;
  readonly openclawNodes?: unknown;
  readonly [field: string]: unknown;
}

/**
 * Reads `<dir>/package.json` without trusting what is there (see `readBoundedFile`: no FIFO,
 * device or file over `maxBytes` is read), refusing JSON nested deeper than `MAX_JSON_DEPTH`
 * (resolving `exports` walks it). Returns `undefined` when there is no such file, and a
 * string saying what is wrong when it cannot be used (too large, not a file, not a JSON
 * object), so each caller decides whether that is an error or a package to skip.
 *
 * @example
 * readManifest('/srv/node_modules/openclaw-plugin-echo'); // { name: 'openclaw-plugin-echo', version: '1.2.0', ... }
 */
export function readManifest(dir: string, maxBytes = MAX_MANIFEST_BYTES): PackageManifest | string | undefined {
  const file = join(dir, 'package.json');
  const read = readBoundedFile(file, maxBytes);
  if ('missing' in read) return undefined;
  if ('problem' in read) return read.problem;
  const text = read.bytes.toString('utf8');
  if (jsonTextTooDeep(text, MAX_JSON_DEPTH)) return `${file} nests more than ${MAX_JSON_DEPTH} levels deep`;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as PackageManifest) : `${file} is not a JSON object`;
  } catch (err) {
    return `${file} is not valid JSON: ${(err as Error).message}`;
  }
}
