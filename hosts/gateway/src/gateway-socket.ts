import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { parseFrame, PREAUTH_MAX_BYTES, type ConnectParams, type Frame } from '@openclaw-nodes/core/protocol';
import { Connection } from './connection.js';
import { dispatch } from './dispatch.js';
import { FRAMES_PER_TURN, frameBudget } from './frame-budget.js';
import type { GatewayContext } from './gateway-context.js';
import { ConnectRefusal, handleConnect } from './handshake/connect-handler.js';
import type { MethodTable } from './methods/method-spec.js';
import type { NodeSession } from './registry/node-session.js';
import type { NodeClaim } from './state/pairing-model.js';

/**
 * More malformed frames than this within `MALFORMED_WINDOW_MS` close the socket (1008): a
 * working client sends none, and a peer that floods them would otherwise cost an answer each
 * for as long as it likes. A node whose results are sometimes unreadable stays far below.
 */
export const MAX_MALFORMED_FRAMES = 100;
export const MALFORMED_WINDOW_MS = 10_000;

export interface SocketInfo {
  remoteIp: string;
  isLocal: boolean;
  /** The node's nonce from the upgrade request, to sign in `connect.challenge.gatewayProof`. */
  gatewayNonce?: string;
}

export interface SocketCounters {
  framesIn: number;
  bytesIn: number;
  badFrames: number;
}

/**
 * Serves one accepted WebSocket: challenge, handshake under a deadline and a 64 KiB frame cap,
 * then request dispatch. Nothing a peer sends can throw out of here.
 */
export function serveSocket(ctx: GatewayContext, methods: MethodTable, methodNames: readonly string[], socket: WebSocket, info: SocketInfo, counters: SocketCounters): Connection {
  const nonce = randomUUID();
  const conn = new Connection(randomUUID(), socket, info.remoteIp, info.isLocal, nonce);
  let session: NodeSession | undefined;

  const deadline = setTimeout(() => {
    if (conn.state === 'preauth' || conn.state === 'handshaking') conn.close(1008, 'handshake timeout');
  }, ctx.settings.handshakeTimeoutMs);

  const attachNode = (c: Connection, p: ConnectParams, claim: NodeClaim) => {
    session = { nodeId: c.deviceId!, conn: c, claim, pathEnv: p.pathEnv, permissions: p.permissions, connectedAtMs: c.connectedAtMs, inflight: new Set() };
    const previous = ctx.registry.attach(session);
    if (previous && previous.conn !== c) {
      ctx.invoker.disconnected(previous);
      previous.conn.close(1008, 'replaced by a newer connection of this node');
    }
    if (ctx.hub.observed) {
      ctx.hub.emit('node.connected', { nodeId: session.nodeId, displayName: claim.displayName, platform: claim.platform, remoteIp: c.remoteIp, ts: c.connectedAtMs });
    }
  };

  const spendFrame = frameBudget(socket);
  let malformed = 0;
  let malformedSince = 0;
  /** Counts a malformed frame of an authenticated peer; past the limit the socket is closed. */
  const tooManyMalformed = (): boolean => {
    const now = Date.now();
    if (now - malformedSince > MALFORMED_WINDOW_MS) {
      malformed = 0;
      malformedSince = now;
    }
    if (++malformed <= MAX_MALFORMED_FRAMES) return false;
    conn.close(1008, `INVALID_FRAME: more than ${MAX_MALFORMED_FRAMES} malformed frames within ${MALFORMED_WINDOW_MS / 1000} s`);
    // Read nothing more of what it already sent: each read is a 64 KiB buffer, and the
    // allocator keeps the pages of many of them after they are freed. The close deadline ends
    // the socket if its close frame never gets read.
    socket.pause();
    return true;
  };

  /** Parses a frame; a bad one is counted and, when it carries a request id, answered. */
  const readFrame = (buf: Buffer, maxBytes?: number): Frame | OpenClawError => {
    try {
      return parseFrame(buf, maxBytes);
    } catch (err) {
      counters.badFrames++;
      spendFrame(FRAMES_PER_TURN);
      if (conn.state === 'ready' && tooManyMalformed()) return OpenClawError.from(err, 'INVALID_FRAME');
      const e = OpenClawError.from(err, 'INVALID_FRAME');
      const id = e.details?.id;
      if (typeof id === 'string') conn.respondError(id, e.toWire());
      // A result too deep to read still names its call: fail that call now, not at its timeout.
      const session = conn.role === 'node' && conn.deviceId ? ctx.registry.get(conn.deviceId) : undefined;
      if (session?.conn === conn && e.details?.method === 'node.invoke.result' && typeof e.details.paramsId === 'string') {
        ctx.invoker.unreadableResult(session, e.details.paramsId, e);
      }
      return e;
    }
  };

  const onMessage = (data: RawData, isBinary: boolean) => {
    spendFrame();
    const buf = data as Buffer;
    counters.framesIn++;
    counters.bytesIn += buf.length;
    if (conn.state === 'ready') {
      const frame = readFrame(buf);
      if (!(frame instanceof OpenClawError) && frame.type === 'req') dispatch(ctx, methods, conn, frame.id, frame.method, frame.params);
      return;
    }
    if (conn.state !== 'preauth') return;
    if (isBinary || buf.length > PREAUTH_MAX_BYTES) {
      counters.badFrames++;
      conn.close(1009, 'preauth payload too large');
      return;
    }
    const frame = readFrame(buf, PREAUTH_MAX_BYTES);
    if (frame instanceof OpenClawError) {
      conn.close(1008, frame.message);
      return;
    }
    if (frame.type !== 'req' || frame.method !== 'connect') {
      counters.badFrames++;
      if (frame.type === 'req') {
        conn.respondError(frame.id, new OpenClawError('HANDSHAKE_REQUIRED', 'invalid handshake: first request must be connect').toWire());
      }
      conn.close(1008, 'invalid handshake: first request must be connect');
      return;
    }
    conn.state = 'handshaking';
    const reqId = frame.id;
    handleConnect(ctx, conn, frame.params, methodNames, attachNode).then(
      (hello) => {
        clearTimeout(deadline);
        ctx.hub.add(conn);
        conn.respond(reqId, hello);
      },
      (err) => {
        clearTimeout(deadline);
        const refusal = err instanceof ConnectRefusal ? err : new ConnectRefusal(OpenClawError.from(err), 1011, 'internal error');
        conn.respondError(reqId, refusal.error.toWire());
        conn.close(refusal.closeCode, refusal.closeReason);
      },
    );
  };

  socket.on('message', onMessage);
  socket.on('pong', () => {
    conn.alive = true;
  });
  socket.on('error', () => {
    // ws reports protocol violations (e.g. 1009 over maxPayload) here and then closes; nothing to add.
  });
  socket.once('close', () => {
    clearTimeout(deadline);
    conn.state = 'closed';
    ctx.hub.delete(conn);
    // Nothing would run for an answer to a request this caller waits for.
    ctx.approvals.withdrawFor(conn);
    if (session && ctx.registry.detach(session)) {
      const device = ctx.store.device(session.nodeId);
      if (device) {
        device.lastSeenAtMs = Date.now();
        device.lastSeenReason = 'disconnect';
      }
      if (ctx.hub.observed) ctx.hub.emit('node.disconnected', { nodeId: session.nodeId, ts: Date.now() });
    }
    if (session) ctx.invoker.disconnected(session);
  });
  const gatewayProof = info.gatewayNonce === undefined ? undefined : ctx.proveIdentity(info.gatewayNonce, nonce);
  conn.targeted('connect.challenge', { nonce, ts: Date.now(), ...(gatewayProof ? { gatewayProof } : {}) });
  return conn;
}
