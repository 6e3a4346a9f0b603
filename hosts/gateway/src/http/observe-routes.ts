import { renderMetrics } from '../metrics/render-metrics.js';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/prometheus-text.js';
import { defineRoute } from './api-route.js';
import { openEventStream } from './event-stream.js';

/** Watching the gateway: live events (SSE) and Prometheus metrics, both for `operator.read`. */
export const observeRoutes = [
  defineRoute({
    verb: 'GET',
    path: '/v1/events',
    tag: 'events',
    summary: 'Live gateway events as Server-Sent Events',
    description:
      'Events: `stream.open`, `node.connected`, `node.disconnected`, `node.surface`, `node.invoke.finished`, and with `operator.pairing` `node.pair.requested|resolved` and `device.pair.requested|resolved`. Shapes in docs/http-api.md.',
    scopes: ['operator.read'],
    produces: ['text/event-stream'],
    handle: ({ ctx, caller }) => openEventStream(ctx, caller),
  }),
  defineRoute({
    verb: 'GET',
    path: '/metrics',
    tag: 'metrics',
    summary: 'Gateway metrics in Prometheus text format',
    scopes: ['operator.read'],
    produces: [PROMETHEUS_CONTENT_TYPE],
    handle: ({ ctx }) => new Response(renderMetrics(ctx), { headers: { 'Content-Type': PROMETHEUS_CONTENT_TYPE } }),
  }),
];
