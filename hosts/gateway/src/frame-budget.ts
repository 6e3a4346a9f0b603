import type { WebSocket } from 'ws';

/**
 * Frames one socket may have handled in one turn of the event loop before it waits for the
 * next turn. 32 covers a client's batch of requests in flight (the bench keeps 32 waiting);
 * a flood of many sockets then holds the loop for at most this many frames each per turn.
 */
export const FRAMES_PER_TURN = 32;

/**
 * Frames all sockets together may have handled synchronously in one turn; past it every
 * socket is back to one frame per turn, so many flooding sockets cannot stretch a turn
 * either (each still gets its one frame, as before any budget).
 */
export const TURN_FRAMES = 128;

/** ws's per-socket parser switch, read before each message it emits (ws 8 `Receiver`). */
interface ReceiverSwitch {
  _allowSynchronousEvents?: unknown;
}

let turn = 0;
let turnEnding = false;
let turnUsed = 0;
const endTurn = (): void => {
  turn++;
  turnUsed = 0;
  turnEnding = false;
};

/**
 * Lets `socket` deliver up to `FRAMES_PER_TURN` frames of one read synchronously, then makes
 * it wait for the next turn of the event loop, where it gets a fresh budget. Returns the
 * function to call once per frame received, with the frame's cost in frames (default 1): a
 * frame that could not be read costs the whole budget, since honest peers send none.
 *
 * The server is created with ws's `allowSynchronousEvents: false` (one frame per socket per
 * turn: fair, but each frame then waits a turn and the answers to a batch leave one write
 * each); this turns it on per socket while the socket is within its budget. ws keeps the
 * switch private: if a ws version lacks it, the socket keeps the fair one-frame behaviour.
 *
 * @example
 * const spend = frameBudget(socket);
 * socket.on('message', (data) => { spend(); handle(data); });
 */
export function frameBudget(socket: WebSocket): (cost?: number) => void {
  const receiver = (socket as unknown as { _receiver?: ReceiverSwitch })._receiver;
  if (typeof receiver?._allowSynchronousEvents !== 'boolean') return () => {};
  const flags = receiver;
  flags._allowSynchronousEvents = true;
  const refill = (): void => {
    flags._allowSynchronousEvents = true;
  };
  let seenTurn = -1;
  let used = 0;
  return (cost = 1) => {
    if (!turnEnding) {
      turnEnding = true;
      setImmediate(endTurn);
    }
    if (seenTurn !== turn) {
      seenTurn = turn;
      used = 0;
    }
    used += cost;
    turnUsed += cost;
    // ws defers the frame after this one to an immediate queued behind `refill`, so the
    // socket resumes with its next budget one turn later.
    if (flags._allowSynchronousEvents === true && (used >= FRAMES_PER_TURN || turnUsed >= TURN_FRAMES)) {
      flags._allowSynchronousEvents = false;
      setImmediate(refill);
    }
  };
}
