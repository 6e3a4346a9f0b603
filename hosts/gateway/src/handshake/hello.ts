import { MAX_BUFFERED_BYTES, MAX_PAYLOAD_BYTES, PROTOCOL_VERSION } from '@openclaw-nodes/core/protocol';
import type { Connection } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';
import type { AuthMethod } from '../auth/authenticate.js';

/** Events this gateway may send. */
export const GATEWAY_EVENTS = [
  'connect.challenge',
  'tick',
  'shutdown',
  'node.invoke.request',
  'node.invoke.cancel',
  'node.pair.requested',
  'node.pair.resolved',
  'device.pair.requested',
  'device.pair.resolved',
] as const;

/** The `hello-ok` payload (PROTOCOL.md section 2.4): every schema-required field, kept small. */
export function helloOk(
  ctx: GatewayContext,
  conn: Connection,
  methods: readonly string[],
  auth: { method: AuthMethod; deviceToken?: string; issuedAtMs?: number },
): Record<string, unknown> {
  const authBlock: Record<string, unknown> = { method: auth.method, role: conn.role, scopes: [...conn.scopes] };
  if (auth.deviceToken) {
    authBlock.deviceToken = auth.deviceToken;
    authBlock.issuedAtMs = auth.issuedAtMs;
  }
  return {
    type: 'hello-ok',
    protocol: PROTOCOL_VERSION,
    server: { version: ctx.settings.version, bootId: ctx.bootId, connId: conn.id },
    features: { methods, events: GATEWAY_EVENTS, capabilities: [] },
    snapshot: {
      presence: [],
      health: {},
      stateVersion: { presence: 0, health: 0 },
      uptimeMs: Date.now() - ctx.startedAtMs,
    },
    auth: authBlock,
    policy: {
      maxPayload: MAX_PAYLOAD_BYTES,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      tickIntervalMs: ctx.settings.tickIntervalMs,
    },
  };
}
