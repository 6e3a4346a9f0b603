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
