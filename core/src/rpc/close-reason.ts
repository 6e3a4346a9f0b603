/** A WebSocket close frame holds at most 123 bytes of reason; ws throws past that. */
const MAX_REASON_BYTES = 123;

/** Cuts `reason` to what fits a close frame, like the real gateway truncates long messages. */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason, 'utf8') <= MAX_REASON_BYTES) return reason;
  let out = reason.slice(0, MAX_REASON_BYTES);
  while (Buffer.byteLength(out, 'utf8') > MAX_REASON_BYTES) out = out.slice(0, -1);
  return out;
}
