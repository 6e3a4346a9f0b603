import { OpenClawError } from '@openclaw-nodes/core/errors';
import { verifyDeviceProof } from '@openclaw-nodes/core/identity';
import { ConnectParamsSchema, formatZodIssues, MEDIA_URL_CLIENT_CAP, MIN_NODE_PROTOCOL_VERSION, PROTOCOL_VERSION, type ConnectParams } from '@openclaw-nodes/core/protocol';
import type { Connection, Role } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';
import { authenticate } from '../auth/authenticate.js';
import { deviceProofInput, limiterSubject } from '../auth/limiter-subject.js';
import type { NodeClaim, PairedDevice, PendingSurface } from '../state/pairing-model.js';
import { reconcileSurface, surfaceRequestView } from '../pairing/node-surface.js';
import { helloOk } from './hello.js';

/** A failed connect: the error to answer with, and how to close the socket afterwards. */
export class ConnectRefusal extends Error {
  constructor(
    readonly error: OpenClawError,
    readonly closeCode: number,
    readonly closeReason: string,
  ) {
    super(error.message);
  }
}

const refuse = (error: OpenClawError, closeCode = 1008, closeReason = error.message) => new ConnectRefusal(error, closeCode, closeReason);

/** Accepts the protocol range (PROTOCOL.md section 14): must include 4, or 3 for node hosts. */
function protocolAccepted(p: ConnectParams): boolean {
  const includes = (v: number) => p.minProtocol <= v && v <= p.maxProtocol;
  if (includes(PROTOCOL_VERSION)) return true;
  const legacy = (p.role === 'node' && p.client.mode === 'node') || p.client.mode === 'probe';
  return legacy && includes(MIN_NODE_PROTOCOL_VERSION);
}

/**
 * The connect's role (PROTOCOL.md section 2.5 step 3): `operator` or `node`, refused before
 * authentication otherwise. A missing role is refused too rather than guessed: OpenClaw's
 * clients always send one (they default to `operator` on their side), so only a hand-made
 * client omits it, and it should learn which role it is asking for.
 */
function connectRole(role: string | undefined): Role {
  if (role === 'operator' || role === 'node') return role;
  if (role === undefined) {
    throw refuse(new OpenClawError('INVALID_REQUEST', 'missing role: connect with role "operator" or "node"', { details: { role: null } }));
  }
  const shown = JSON.stringify(role.length > 64 ? `${role.slice(0, 64)}…` : role);
  throw refuse(new OpenClawError('INVALID_REQUEST', `invalid role ${shown}: connect with role "operator" or "node"`, { details: { role: role.slice(0, 64) } }));
}

/**
 * Runs the connect checks in OpenClaw's order (PROTOCOL.md section 2.5) and, on success,
 * marks the connection ready and returns the `hello-ok` payload.
 */
export async function handleConnect(
  ctx: GatewayContext,
  conn: Connection,
  rawParams: unknown,
  methods: readonly string[],
  attachNode: (conn: Connection, params: ConnectParams, claim: NodeClaim) => void,
): Promise<Record<string, unknown>> {
  const parsed = ConnectParamsSchema.safeParse(rawParams);
  if (!parsed.success) {
    throw refuse(new OpenClawError('INVALID_REQUEST', `invalid connect params: ${formatZodIssues(parsed.error)}`));
  }
  const p = parsed.data;
  if (!protocolAccepted(p)) {
    const error = new OpenClawError('PROTOCOL_MISMATCH', 'protocol mismatch', {
      details: { clientMinProtocol: p.minProtocol, clientMaxProtocol: p.maxProtocol, expectedProtocol: PROTOCOL_VERSION, minimumProbeProtocol: MIN_NODE_PROTOCOL_VERSION },
    });
    throw refuse(error, 1002);
  }
  const role = connectRole(p.role);
  const { subject, proven } = limiterSubject(ctx, conn, p, role);
  const retryAfterMs = ctx.limiter.retryAfter(subject, conn.isLocal);
  if (retryAfterMs > 0) {
    throw refuse(new OpenClawError('AUTH_RATE_LIMITED', 'unauthorized: too many failed attempts; try again later', { retryAfterMs, details: { authReason: 'rate_limited' } }));
  }
  // Approved on another cluster member a moment ago: read the record rather than refuse.
  if (p.device && !ctx.store.device(p.device.id)?.roles.includes(role)) await ctx.store.refresh?.(p.device.id);
  let method;
  try {
    method = authenticate(ctx, p.auth, p.device?.id, role, conn.isLocal);
    if (p.device && !proven) verifyDeviceProof(deviceProofInput(conn, { ...p, device: p.device }, role));
  } catch (err) {
    ctx.limiter.fail(subject, conn.isLocal);
    throw refuse(OpenClawError.from(err, 'INVALID_REQUEST'));
  }

  // Scopes are operator authority: a node's pairing never records any, so approving a node
  // cannot hand its device operator scopes for a later operator connect.
  const scopes = role === 'node' ? [] : (p.scopes ?? []);
  const claim: NodeClaim | undefined =
    role === 'node'
      ? {
          displayName: p.client.displayName,
          platform: p.client.platform,
          version: p.client.version,
          deviceFamily: p.client.deviceFamily,
          clientId: p.client.id,
          clientMode: p.client.mode,
          caps: [...new Set(p.caps ?? [])],
          commands: [...new Set(p.commands ?? [])],
        }
      : undefined;

  let deviceToken: string | undefined;
  let issuedAtMs: number | undefined;
  let surfaceRequest: { device: PairedDevice; pending: PendingSurface } | undefined;
  if (!p.device) {
    // Operators may go without a device only on shared-secret auth, which is all that is left here.
    if (role === 'node') throw refuse(new OpenClawError('DEVICE_IDENTITY_REQUIRED', 'device identity required'));
  } else {
    try {
      const admitted = ctx.admission.admit({
        deviceId: p.device.id,
        publicKey: p.device.publicKey,
        role,
        scopes,
        clientId: p.client.id,
        clientMode: p.client.mode,
        displayName: p.client.displayName,
        platform: p.client.platform,
        deviceFamily: p.client.deviceFamily,
        isLocal: conn.isLocal,
        sharedSecret: method === 'token',
        remoteIp: conn.remoteIp,
        claim,
        presentedTokens: [p.auth?.token, p.auth?.deviceToken].filter((t): t is string => t !== undefined),
      });
      deviceToken = admitted.deviceToken;
      issuedAtMs = admitted.issuedAtMs;
      const { device } = admitted;
      const pending = claim ? reconcileSurface(device, claim, device.approvedVia === 'silent') : undefined;
      if (pending) surfaceRequest = { device, pending };
      // One durable write for the pairing, the token and a new surface request, before hello-ok.
      if (admitted.changed || pending) await ctx.store.save();
      // Announced once stored, as an operator's approval is: whoever reacts finds the device.
      const silent = admitted.silentlyApproved;
      if (silent) ctx.hub.broadcast('device.pair.resolved', { requestId: silent.requestId, deviceId: device.deviceId, decision: 'approved', ts: silent.ts });
    } catch (err) {
      const error = OpenClawError.from(err);
      const requestId = error.details?.requestId;
      throw refuse(error, 1008, requestId ? `${error.message} (requestId: ${String(requestId)})` : error.message);
    }
  }

  if (conn.state === 'closed') throw refuse(new OpenClawError('CONNECTION_CLOSED', 'connection closed during connect'));
  conn.role = role;
  conn.scopes = new Set(scopes);
  conn.deviceId = p.device?.id;
  conn.authMethod = method;
  conn.client = p.client;
  conn.mediaUrls = role === 'operator' && (p.caps ?? []).includes(MEDIA_URL_CLIENT_CAP);
  conn.protocol = Math.min(p.maxProtocol, PROTOCOL_VERSION);
  conn.connectedAtMs = Date.now();
  conn.state = 'ready';

  if (surfaceRequest) ctx.hub.broadcast('node.pair.requested', surfaceRequestView(surfaceRequest.device, surfaceRequest.pending));
  // Nothing is awaited between the closed check above and here, so a node that is attached is open.
  if (claim && p.device) attachNode(conn, p, claim);
  return helloOk(ctx, conn, methods, { method: method === 'none' ? 'none' : method, deviceToken, issuedAtMs });
}
