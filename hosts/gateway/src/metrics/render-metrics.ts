import type { GatewayContext } from '../gateway-context.js';
import { PrometheusText } from './prometheus-text.js';

/**
 * The gateway's metrics in Prometheus text format: counters kept as it works plus gauges read
 * now (connected nodes, pending pairings of both kinds, sockets, invokes in flight).
 */
export function renderMetrics(ctx: GatewayContext): string {
  const { metrics, store } = ctx;
  const out = new PrometheusText();
  out.family('openclaw_gateway_info', 'gauge', 'The gateway version.').sample('openclaw_gateway_info', 1, { version: ctx.settings.version });
  out.family('openclaw_gateway_uptime_seconds', 'gauge', 'Seconds since the gateway started.').sample('openclaw_gateway_uptime_seconds', (Date.now() - ctx.startedAtMs) / 1000);
  out.family('openclaw_nodes_connected', 'gauge', 'Nodes connected now.').sample('openclaw_nodes_connected', ctx.registry.size);
  const devices = store.devices();
  out.family('openclaw_nodes_paired', 'gauge', 'Devices paired for the node role.').sample('openclaw_nodes_paired', devices.filter((d) => d.roles.includes('node')).length);
  out
    .family('openclaw_pairing_requests_pending', 'gauge', 'Pending pairing requests: device pairing (any role) and node command surfaces.')
    .sample('openclaw_pairing_requests_pending', store.pendingDevices().length, { kind: 'device' })
    .sample('openclaw_pairing_requests_pending', devices.filter((d) => d.pendingNodeSurface).length, { kind: 'node-surface' });
  out
    .family('openclaw_ws_connections', 'gauge', 'Open WebSocket connections, and those past the handshake.')
    .sample('openclaw_ws_connections', metrics.wsOpened - metrics.wsClosed, { state: 'open' })
    .sample('openclaw_ws_connections', ctx.hub.size, { state: 'authenticated' });
  out.family('openclaw_ws_connections_opened_total', 'counter', 'WebSocket connections accepted.').sample('openclaw_ws_connections_opened_total', metrics.wsOpened);
  out.family('openclaw_ws_frames_received_total', 'counter', 'WebSocket frames received.').sample('openclaw_ws_frames_received_total', metrics.frames.framesIn);
  out.family('openclaw_ws_frames_rejected_total', 'counter', 'WebSocket frames refused as malformed or out of place.').sample('openclaw_ws_frames_rejected_total', metrics.frames.badFrames);
  const { received, sent } = metrics.tcp.totals();
  out.family('openclaw_gateway_received_bytes_total', 'counter', 'Bytes received on the port (HTTP and WebSocket, TLS included).').sample('openclaw_gateway_received_bytes_total', received);
  out.family('openclaw_gateway_sent_bytes_total', 'counter', 'Bytes sent on the port (HTTP and WebSocket, TLS included).').sample('openclaw_gateway_sent_bytes_total', sent);
  out.family('openclaw_auth_failures_total', 'counter', 'Failed authentications (WebSocket connect and HTTP), loopback included.').sample('openclaw_auth_failures_total', metrics.authFailures);
  out.family('openclaw_node_invokes_in_flight', 'gauge', 'Invokes sent to nodes and not answered yet.').sample('openclaw_node_invokes_in_flight', ctx.invoker.size);
  metrics.invokes.write(out);
  out.family('process_resident_memory_bytes', 'gauge', 'Resident set size of the gateway process, bytes.').sample('process_resident_memory_bytes', process.memoryUsage.rss());
  const m = ctx.media.counters;
  out.family('openclaw_media_uploads_total', 'counter', 'Out-of-band media uploads from nodes, stored or refused.').sample('openclaw_media_uploads_total', m.uploads, { outcome: 'stored' }).sample('openclaw_media_uploads_total', m.uploadsRefused, { outcome: 'refused' });
  out.family('openclaw_media_uploaded_bytes_total', 'counter', 'Bytes of media nodes uploaded and the gateway stored.').sample('openclaw_media_uploaded_bytes_total', m.uploadedBytes);
  out.family('openclaw_media_fetches_total', 'counter', 'Stored media responses served to operators.').sample('openclaw_media_fetches_total', m.fetches);
  out.family('openclaw_media_fetched_bytes_total', 'counter', 'Bytes of stored media served to operators.').sample('openclaw_media_fetched_bytes_total', m.fetchedBytes);
  out.family('openclaw_media_expired_total', 'counter', 'Stored media files removed at expiry.').sample('openclaw_media_expired_total', m.expired);
  if (ctx.cluster) {
    const c = ctx.cluster.status();
    out.family('openclaw_cluster_member_info', 'gauge', 'This gateway as a cluster member: cluster name and member id.').sample('openclaw_cluster_member_info', 1, { cluster: c.name, member: c.member });
    out.family('openclaw_cluster_peers', 'gauge', 'Other cluster members alive now (heartbeat key present).').sample('openclaw_cluster_peers', c.peers.length);
    out.family('openclaw_cluster_redis_up', 'gauge', '1 while the pairing mirror matches Redis, 0 while Redis is away or being resynced.').sample('openclaw_cluster_redis_up', c.redis === 'up' ? 1 : 0);
    const media = ctx.cluster.mediaCounters();
    out.family('openclaw_cluster_media_pulls_total', 'counter', 'Media fetches of files another member holds, pulled from it over Redis.').sample('openclaw_cluster_media_pulls_total', media.pulls);
    out.family('openclaw_cluster_media_pulls', 'gauge', 'Pulls of media from other members running now.').sample('openclaw_cluster_media_pulls', ctx.cluster.media.pulls);
    out.family('openclaw_cluster_media_pulled_bytes_total', 'counter', 'Bytes of media received from other members.').sample('openclaw_cluster_media_pulled_bytes_total', media.pulledBytes);
    out.family('openclaw_cluster_media_served_bytes_total', 'counter', 'Bytes of media this member sent to other members.').sample('openclaw_cluster_media_served_bytes_total', media.servedBytes);
  }
  out.family('openclaw_http_event_streams', 'gauge', 'Open /v1/events streams.').sample('openclaw_http_event_streams', metrics.eventStreams);
  metrics.mcp.write(out);
  return out.toString();
}
