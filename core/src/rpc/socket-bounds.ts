import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * How long a closing handshake may take before the socket is cut. An honest peer answers a
 * close frame within one round trip; one that stopped reading never does, and ws alone would
 * keep it (and everything queued for it) for 30 s.
 */
export const CLOSE_DEADLINE_MS = 1_000;

// WebSocket.readyState values; ws is only imported as a type here.
const OPEN = 1;
const CLOSED = 3;

/**
 * Starts the closing handshake and terminates the socket if the peer has not completed it
 * within `deadlineMs`. A code ws refuses to send (1005, 1006, out of range) terminates at once.
 *
 * @example
 * closeWithDeadline(socket, 1008, 'pairing removed');
 */
export function closeWithDeadline(socket: WebSocket, code?: number, reason?: string, deadlineMs = CLOSE_DEADLINE_MS): void {
  if (socket.readyState === CLOSED) return;
  try {
    if (code === undefined) socket.close();
    else socket.close(code, reason);
  } catch {
    socket.terminate();
    return;
  }
  const timer = setTimeout(() => socket.terminate(), deadlineMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/**
 * Sends `text` unless the peer has stopped reading: once more than `maxBufferedBytes` waits
 * in the socket's buffers the socket is terminated (no close handshake: the peer would not
 * read it either), which frees the buffers and emits `close` right away. Returns whether the
 * socket is still open.
 */
export function sendBounded(socket: WebSocket, text: string, maxBufferedBytes: number): boolean {
  if (socket.readyState !== OPEN) return false;
  coalesceWrites(socket, text);
  socket.send(text);
  if (socket.bufferedAmount <= maxBufferedBytes) return true;
  socket.terminate();
  return false;
}

/**
 * Frames longer than this (UTF-16 units) are not held back: they fill a write on their own,
 * and held back they would count in `bufferedAmount` against the bound before the kernel
 * took any of them.
 */
const COALESCE_MAX_CHARS = 64 * 1024;

/**
 * Holds the socket's writes until the current callback and its microtasks have run, so the
 * frames one turn sends (answers to a batch of requests, a broadcast's share) leave in one
 * writev instead of one syscall each; on loopback each syscall also pays the peer's receive.
 */
function coalesceWrites(socket: WebSocket, text: string): void {
  // ws keeps the TCP socket private; without one (a test double) frames go out unbatched.
  const raw = (socket as unknown as { _socket?: Duplex })._socket;
  if (raw === undefined) return;
  if (text.length > COALESCE_MAX_CHARS) uncork(raw);
  else holdWritesThisTurn(raw);
}

/**
 * Holds `raw`'s writes until the current callback and its microtasks have run (cork now,
 * uncork on the next tick), so what this turn writes leaves in one syscall. Does nothing
 * when the socket is already held.
 */
export function holdWritesThisTurn(raw: Duplex): void {
  if (raw.writableCorked > 0) return;
  raw.cork();
  process.nextTick(uncork, raw);
}

function uncork(raw: Duplex): void {
  if (raw.writableCorked > 0) raw.uncork();
}
