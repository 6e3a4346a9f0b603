import { randomBytes, randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { pairingCode } from '@openclaw-nodes/core/identity';
import type { PluginLog } from '@openclaw-nodes/core/plugin';
import type { Hub } from '../hub.js';
import type { NodeClaim, PairedDevice, PairingReason, PendingDevice } from '../state/pairing-model.js';
import { tokenMatches } from '../state/device-token.js';
import type { PairingRecords } from '../state/pairing-records.js';

const REQUIREMENT: Record<PairingReason, [string, string]> = {
  'not-paired': ['device is not approved yet', 'Approve this device from the pending pairing requests.'],
  'role-upgrade': ['device is asking for a higher role than currently approved', 'Review the requested role upgrade, then approve the pending request.'],
  'scope-upgrade': ['device is asking for more scopes than currently approved', 'Review the requested scopes, then approve the pending upgrade.'],
  'metadata-upgrade': ['device identity changed and must be re-approved', 'Review the refreshed device details, then approve the pending request.'],
};

export interface AdmissionRequest {
  deviceId: string;
  publicKey: string;
  role: 'node' | 'operator';
  scopes: readonly string[];
  clientId: string;
  clientMode: string;
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  isLocal: boolean;
  /** Shared-secret auth (token) rather than a device token. */
  sharedSecret: boolean;
  remoteIp: string;
  claim?: NodeClaim;
  /** The tokens the connect carried (`auth.token`, `auth.deviceToken`): one may be this device's own. */
  presentedTokens?: readonly string[];
}

export interface Admission {
  device: PairedDevice;
  deviceToken: string;
  issuedAtMs: number;
  /** The record changed (new pairing or token): save it before answering the connect. */
  changed: boolean;
  /** The device was approved silently: the caller announces it once the record is saved. */
  silentlyApproved?: { requestId: string; ts: number };
}

const lowerAscii = (s: string | undefined) => (s ?? '').trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Why this connect needs an operator's approval, or undefined when the pairing covers it. */
export function pairingReason(device: PairedDevice | undefined, req: AdmissionRequest): PairingReason | undefined {
  if (!device) return 'not-paired';
  if (!device.roles.includes(req.role)) return 'role-upgrade';
  if (req.scopes.some((s) => !device.scopes.includes(s))) return 'scope-upgrade';
  if (lowerAscii(device.deviceFamily) !== lowerAscii(req.deviceFamily) || lowerAscii(device.platform) !== lowerAscii(req.platform)) {
    return 'metadata-upgrade';
  }
  return undefined;
}

/**
 * Device pairing at connect time (PROTOCOL.md section 5.1): silent approval for local
 * first-time pairings when enabled, otherwise a pending request and `PAIRING_REQUIRED`.
 */
export class DeviceAdmission {
  constructor(
    private readonly store: PairingRecords,
    private readonly hub: Hub,
    private readonly autoApproveLocal: () => boolean,
    /** The gateway's own public key: a node derives the pairing verification code from it. */
    private readonly gatewayPublicKey: string,
    /** Where a pairing request that could not be stored is reported. */
    private readonly log: PluginLog = () => undefined,
  ) {}

  /** Decides the connect; the caller saves (one write with anything else the connect changes). */
  admit(req: AdmissionRequest, now = Date.now()): Admission {
    let device = this.store.device(req.deviceId);
    const reason = pairingReason(device, req);
    let changed = false;
    let silentlyApproved: Admission['silentlyApproved'];
    if (reason) {
      if (!this.silentlyApprovable(reason, req)) throw this.requirePairing(reason, req, device, now);
      device = approveInto(device, req, 'silent', now);
      this.store.putDevice(device);
      changed = true;
      silentlyApproved = { requestId: randomUUID(), ts: now };
    }
    device = device!;
    let token = device.tokens[req.role];
    // Where only the token's hash is stored (Redis), the device gets back the token it showed;
    // one that came with another credential gets a fresh token with the same scopes.
    let deviceToken = token?.token ?? req.presentedTokens?.find((t) => tokenMatches(t, token));
    if (!token || deviceToken === undefined) {
      deviceToken = randomBytes(32).toString('base64url');
      token = { token: deviceToken, scopes: token?.scopes ?? [...req.scopes], createdAtMs: now };
      device.tokens[req.role] = token;
      changed = true;
    }
    device.lastSeenAtMs = now;
    device.lastSeenReason = 'connect';
    return { device, deviceToken, issuedAtMs: token.createdAtMs, changed, ...(silentlyApproved ? { silentlyApproved } : {}) };
  }

  private silentlyApprovable(reason: PairingReason, req: AdmissionRequest): boolean {
    if (!req.isLocal || !this.autoApproveLocal()) return false;
    if (reason === 'not-paired' || reason === 'role-upgrade') return true;
    return reason === 'scope-upgrade' && req.sharedSecret;
  }

  private requirePairing(reason: PairingReason, req: AdmissionRequest, device: PairedDevice | undefined, now: number): OpenClawError {
    let pending = this.store.pendingFor(req.deviceId, req.role, now);
    let scopes = [...req.scopes];
    if (pending && !req.scopes.every((scope) => pending!.scopes.includes(scope))) {
      // A wider ask replaces the request an operator may already have seen: the old id must
      // not be approved believing it grants what is asked now, and the new ask must not
      // hide behind an id that grants less. The new request carries both asks.
      scopes = [...new Set([...pending.scopes, ...req.scopes])];
      this.store.removePending(pending.requestId);
      pending = undefined;
    }
    if (!pending) {
      pending = {
        requestId: randomUUID(),
        deviceId: req.deviceId,
        publicKey: req.publicKey,
        displayName: req.displayName,
        platform: req.platform,
        deviceFamily: req.deviceFamily,
        clientId: req.clientId,
        clientMode: req.clientMode,
        role: req.role,
        roles: [req.role],
        scopes,
        silent: false,
        isRepair: Boolean(device),
        reason,
        remoteIp: req.remoteIp,
        local: req.isLocal,
        ts: now,
        claim: req.claim,
        gatewayPublicKey: this.gatewayPublicKey,
      } satisfies PendingDevice;
      this.store.putPending(pending);
      // Not awaited: the refusal goes out either way and the node asks again on its next connect.
      // Operators hear of the request only once it is stored: one who approves it at once (on this
      // gateway or, in a cluster, on a member that reads it from Redis) then finds it. A request
      // that could not be stored (disk full, Redis away) is dropped and logged: the node's next
      // connect makes a new one, written and announced in turn.
      const announced = pending;
      this.store.save().then(
        () => {
          if (!this.store.pendingDevice(announced.requestId)) return;
          const code = announced.role === 'node' ? pairingCode(this.gatewayPublicKey, announced.publicKey) : null;
          this.hub.broadcast('device.pair.requested', { ...publicPending(announced), ...(code ? { verificationCode: code } : {}) });
        },
        (err: unknown) => {
          if (this.store.pendingDevice(announced.requestId) === announced) this.store.removePending(announced.requestId);
          const failure = OpenClawError.from(err);
          this.log('warn', `the pairing request of device ${announced.deviceId} (${announced.role}) could not be stored, so no operator was told of it; the device's next connect asks again: ${failure.message}`, { code: failure.code });
        },
      );
    }
    const [requirement, remediationHint] = REQUIREMENT[reason];
    const details: Record<string, unknown> = {
      reason,
      requestId: pending.requestId,
      remediationHint,
      deviceId: req.deviceId,
      requestedRole: req.role,
      // Our node hosts keep retrying while an operator decides; the request id stays stable.
      recommendedNextStep: 'wait_then_retry',
      retryable: true,
      pauseReconnect: false,
      // The node computes the verification code itself from this and its own key.
      gatewayPublicKey: this.gatewayPublicKey,
    };
    if (pending.scopes.length) details.requestedScopes = [...pending.scopes];
    if (device) {
      details.approvedRoles = [...device.roles];
      details.approvedScopes = [...device.scopes];
    }
    return new OpenClawError('PAIRING_REQUIRED', `pairing required: ${requirement}`, { details });
  }
}

/** Creates or widens a paired record from a request (silent or operator approval). */
export function approveInto(
  device: PairedDevice | undefined,
  req: Pick<AdmissionRequest, 'deviceId' | 'publicKey' | 'role' | 'scopes' | 'clientId' | 'clientMode' | 'displayName' | 'platform' | 'deviceFamily'>,
  via: 'silent' | 'owner',
  now: number,
): PairedDevice {
  // Every field written, in one order, without object spread: V8 then shares one hidden
  // class across all records (spread clones were measured to give each record its own).
  return {
    deviceId: req.deviceId,
    publicKey: device?.publicKey ?? req.publicKey,
    displayName: req.displayName ?? device?.displayName,
    platform: req.platform,
    deviceFamily: req.deviceFamily,
    clientId: req.clientId,
    clientMode: req.clientMode,
    roles: !device ? [req.role] : device.roles.includes(req.role) ? device.roles : [...device.roles, req.role],
    scopes: [...new Set([...(device?.scopes ?? []), ...req.scopes])],
    approvedVia: via,
    createdAtMs: device?.createdAtMs ?? now,
    approvedAtMs: now,
    lastSeenAtMs: device?.lastSeenAtMs,
    lastSeenReason: device?.lastSeenReason,
    renamedTo: device?.renamedTo,
    tokens: device?.tokens ?? {},
    nodeSurface: device?.nodeSurface,
    pendingNodeSurface: device?.pendingNodeSurface,
    lastHostStats: device?.lastHostStats,
  };
}

/** The `device.pair.requested` / list shape (internal fields dropped). */
export function publicPending(p: PendingDevice): Record<string, unknown> {
  const { reason: _reason, claim: _claim, gatewayPublicKey: _gatewayPublicKey, ...rest } = p;
  return rest;
}
