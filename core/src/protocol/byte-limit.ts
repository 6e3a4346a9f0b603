import { OpenClawError } from '../errors/openclaw-error.js';

/**
 * Whether `text` takes more than `maxBytes` bytes as UTF-8. A UTF-16 length is a lower
 * bound of the UTF-8 size and three times it an upper bound, so the bytes are only
 * counted when the answer is not already clear.
 */
export function exceedsByteLimit(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

/** `PAYLOAD_TOO_LARGE` for a frame (`what`: `response`, `"node.invoke.request" event`) the peer would drop. */
export function frameTooLarge(what: string, text: string, max: number): OpenClawError {
  const size = Buffer.byteLength(text, 'utf8');
  return new OpenClawError('PAYLOAD_TOO_LARGE', `${what} of ${size} bytes exceeds the ${max} byte limit`, { details: { size, max } });
}
