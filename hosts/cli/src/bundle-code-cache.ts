/**
 * @module
 * The V8 code cache of the bundle (`<bundle>.cache`), tied to the exact bundle it was made
 * from. V8 (Node 20) checks only its own version, its flags and the source's length, and takes
 * the script's name from the cache: a cache made for another bundle of the same length would run
 * that bundle's code, and one made at another path would name that path in every stack frame.
 * So the file starts with a SHA-256 over the bundle's absolute path and the digest of its bytes
 * (about 0.5 ms for the 0.8 MB bundle), followed by V8's data; a cache whose key differs is
 * ignored and replaced by the run. The build writes the same digest into the source map
 * (`BUNDLE_DIGEST_FIELD`), so a map is used only with its own bundle.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Script } from 'node:vm';

/** Changes when the file's layout does, so an older layout never matches. */
const FORMAT = 'openclaw-bundle-code-cache 1';
const KEY_BYTES = 32;

/** The source map's field holding `bundleDigest` of the bundle it maps (`scripts/bundle.js` writes it). */
export const BUNDLE_DIGEST_FIELD = 'x_openclaw_bundle_sha256';

/** The digest of the bundle's bytes: SHA-256, lowercase hex. */
export function bundleDigest(source: Buffer): string {
  return createHash('sha256').update(source).digest('hex');
}

/** The key of the bundle at `filename` (absolute path) whose `bundleDigest` is `digest`: 32 bytes. */
export function cacheKey(filename: string, digest: string): Buffer {
  return createHash('sha256').update(FORMAT).update('\0').update(filename).update('\0').update(digest).digest();
}

/** V8's data from `cacheFile` when the file is there and made for `key`; undefined otherwise. */
export function readCodeCache(cacheFile: string, key: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return file.length > KEY_BYTES && file.subarray(0, KEY_BYTES).equals(key) ? file.subarray(KEY_BYTES) : undefined;
}

/**
 * Replaces the cache with `script`'s code under `key`, in one rename, so a concurrent run reads
 * the old cache or the new, never half of one. The file is opened first: where the install is
 * read-only nothing is serialized. Best effort: never throws.
 */
export function writeCodeCache(script: Script, cacheFile: string, key: Buffer): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o644);
  } catch {
    return;
  }
  try {
    try {
      writeFileSync(fd, Buffer.concat([key, script.createCachedData()]));
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, cacheFile);
  } catch {
    rmSync(temporary, { force: true });
  }
}
