import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

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
 * Reads `<dir>/package.json` without trusting what is there: opened non-blocking (a FIFO
 * named package.json cannot stall the host), read only when it is a regular file of at most
 * `maxBytes`, and parsed as JSON. Returns `undefined` when there is no such file, and a
 * string saying what is wrong when it cannot be used (too large, not a file, not a JSON
 * object), so each caller decides whether that is an error or a package to skip.
 *
 * @example
 * readManifest('/srv/node_modules/openclaw-plugin-echo'); // { name: 'openclaw-plugin-echo', version: '1.2.0', ... }
 */
export function readManifest(dir: string, maxBytes = MAX_MANIFEST_BYTES): PackageManifest | string | undefined {
  const file = join(dir, 'package.json');
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : `${file} cannot be read (${code ?? 'error'})`;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return `${file} is not a regular file`;
    if (stat.size > maxBytes) return `${file} is ${stat.size} bytes, more than the ${maxBytes} a manifest may have`;
    // One byte past the limit tells a file that grew after fstat from one that fits.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length <= maxBytes; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return `${file} is more than the ${maxBytes} bytes a manifest may have`;
    const parsed: unknown = JSON.parse(buffer.subarray(0, length).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as PackageManifest) : `${file} is not a JSON object`;
  } catch (err) {
    return `${file} is not valid JSON: ${(err as Error).message}`;
  } finally {
    closeSync(fd);
  }
}
