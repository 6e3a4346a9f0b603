import type { GatewayContext } from '../gateway-context.js';
import { mayReceive, SCOPED_EVENTS } from '../hub.js';
import type { HttpCaller } from './http-caller.js';

/** Hub events a stream forwards; pairing and exec approval events only to callers with their scope. */
export const STREAM_EVENTS: ReadonlySet<string> = new Set(['node.connected', 'node.disconnected', 'node.surface', 'node.invoke.finished', ...SCOPED_EVENTS.keys()]);

const KEEPALIVE_MS = 15_000;
/** Events queued for a reader that stopped reading before its stream is dropped. */
const MAX_QUEUED = 256;

const encoder = new TextEncoder();

/**
 * A Server-Sent Events stream of gateway events for one authenticated caller: a
 * `stream.open` event first, then each event as `id`/`event`/`data` lines, a comment every
 * 15 s to keep proxies from timing out, and the end at gateway shutdown. A reader that falls
 * 256 events behind is cut off rather than buffered without bound.
 *
 * @example
 * return openEventStream(ctx, c.get('caller'));
 */
export function openEventStream(ctx: GatewayContext, caller: HttpCaller, keepaliveMs = KEEPALIVE_MS): Response {
  const entitled = (event: string) => mayReceive(event, (scope) => caller.hasScope(scope));
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let seq = 0;
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const off = ctx.hub.listen((event, payload) => {
        if (event === 'shutdown') {
          stop();
          controller.close();
          return;
        }
        if (!STREAM_EVENTS.has(event) || !entitled(event)) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED) {
          stop();
          controller.error(new Error('event stream reader fell behind'));
          return;
        }
        send(`id: ${++seq}\nevent: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const keepalive = setInterval(() => send(': keepalive\n\n'), keepaliveMs);
      keepalive.unref();
      ctx.metrics.eventStreams++;
      stop = () => {
        stop = () => {};
        off();
        clearInterval(keepalive);
        ctx.metrics.eventStreams--;
      };
      send(`retry: 2000\nevent: stream.open\ndata: ${JSON.stringify({ ts: Date.now(), events: [...STREAM_EVENTS].filter(entitled) })}\n\n`);
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' },
  });
}
