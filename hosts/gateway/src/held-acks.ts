import type { Connection } from './connection.js';

/** Longest an acknowledgement waits for another frame to the same peer, ms. */
export const ACK_DELAY_MS = 5;
/** Acknowledgements one peer may have waiting before they are sent at once. */
const MAX_HELD = 64;

const held = new Map<Connection, string[]>();
let timer: NodeJS.Timeout | undefined;

/**
 * Queues `text` (an answer the peer only needs eventually, such as the acknowledgement of a
 * node's invoke result) to leave with the next frame sent to `conn`, or within
 * `ACK_DELAY_MS`. A call after call on one node then costs the gateway one write less per
 * call, and the node one wake-up less.
 */
export function holdAck(conn: Connection, text: string): void {
  let texts = held.get(conn);
  if (texts === undefined) held.set(conn, (texts = []));
  texts.push(text);
  if (texts.length >= MAX_HELD) releaseAcks(conn);
  else timer ??= setTimeout(releaseAll, ACK_DELAY_MS).unref();
}

/** Sends what waits for `conn` now (before anything else it is sent). */
export function releaseAcks(conn: Connection): void {
  const texts = held.get(conn);
  if (texts === undefined) return;
  held.delete(conn);
  for (const text of texts) conn.send(text);
}

function releaseAll(): void {
  timer = undefined;
  for (const conn of [...held.keys()]) releaseAcks(conn);
}
