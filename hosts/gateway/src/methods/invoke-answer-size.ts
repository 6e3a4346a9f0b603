import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MEDIA_URL_CLIENT_CAP } from '@openclaw-nodes/core/protocol';
import type { Caller } from './method-spec.js';

/** Bytes of the response envelope around a `node.invoke` answer (`{"type":"res","id":…}`), generously. */
const ENVELOPE_BYTES = 1_024;

/** What a WebSocket operator can do about a result too large for its frame. */
export const TOO_LARGE_HINT = `call it over HTTP (POST /v1/nodes/<node>/invoke), or connect with the "${MEDIA_URL_CLIENT_CAP}" client cap, to get media as a url to fetch`;

/**
 * The bytes a result may take inline for `caller`: the answer carries it twice (`payload` and
 * `payloadJSON`, as the reference gateway sends), so half a frame; unbounded over HTTP.
 */
export function inlineBudget(caller: Caller): number {
  return caller.maxFrameBytes === undefined ? Number.POSITIVE_INFINITY : Math.floor((caller.maxFrameBytes - ENVELOPE_BYTES) / 2);
}

/**
 * Throws `PAYLOAD_TOO_LARGE` with the sizes and what to do instead when the `node.invoke`
 * answer for `command` (the node's `payloadJSON` is repeated as parsed `payload`) cannot fit
 * `caller`'s frame. Over HTTP nothing is checked.
 */
export function checkAnswerFits(caller: Caller, command: string, payloadJSON: string | null): void {
  if (caller.maxFrameBytes === undefined || payloadJSON === null) return;
  const bytes = Buffer.byteLength(payloadJSON, 'utf8');
  if (bytes <= inlineBudget(caller)) return;
  throw new OpenClawError(
    'PAYLOAD_TOO_LARGE',
    `PAYLOAD_TOO_LARGE: the ${command} result is ${bytes} bytes; the answer carries it twice (payload and payloadJSON), over the ${caller.maxFrameBytes} bytes of a WebSocket frame; ${TOO_LARGE_HINT}`,
    { details: { bytes, answerBytes: 2 * bytes, maxBytes: caller.maxFrameBytes } },
  );
}
