import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** What `readBoundedFile` found: the bytes, no file, or why the file cannot be used. */
export type BoundedRead = { readonly bytes: Buffer } | { readonly missing: true } | { readonly problem: string };

/**
 * Reads a file someone else may have put there, within bounds: opened non-blocking (a FIFO
 * or a terminal cannot stall the caller), read only when it is a regular file, and at most
 * `maxBytes` (a link to /dev/zero or a huge file cannot exhaust memory). Never throws.
 *
 * @example
 * const read = readBoundedFile('/srv/node_modules/x/package.json', 128 * 1024);
 * if ('bytes' in read) JSON.parse(read.bytes.toString('utf8'));
 */
export function readBoundedFile(file: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { problem: `${file} cannot be read (${code ?? 'error'})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: `${file} is not a regular file` };
    if (stat.size > maxBytes) return { problem: `${file} is ${stat.size} bytes, more than the ${maxBytes} it may have` };
    // One byte past the limit tells a file that grew after fstat from one that fits.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length <= maxBytes; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { problem: `${file} is more than the ${maxBytes} bytes it may have` };
    return { bytes: buffer.subarray(0, length) };
  } catch (err) {
    return { problem: `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  } finally {
    closeSync(fd);
  }
}
