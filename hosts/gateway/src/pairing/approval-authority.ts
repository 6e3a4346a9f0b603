import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { Caller } from '../methods/method-spec.js';
import type { PendingDevice } from '../state/pairing-model.js';

/**
 * Who may approve what. An approval hands a device authority, so the approver must already
 * hold all of it: every scope the request asks for, and `operator.admin` to let a device act
 * as a node. A device signed in with its own device token never approves a request of its
 * own device, whatever it holds; the shared-secret holder (`token`, or `none` when no auth
 * is configured) is a full operator and is not bound by that.
 */

/** Scopes an approver of this device pairing request must hold (admin satisfies any). */
export function deviceGrantScopes(request: Pick<PendingDevice, 'role' | 'scopes'>): string[] {
  return [...new Set([...(request.role === 'node' ? ['operator.admin'] : []), ...request.scopes])];
}

/** True when a device-token caller would approve a request of its own device. */
export function approvesOwnDevice(caller: Caller, deviceId: string): boolean {
  return caller.authMethod === 'device-token' && caller.deviceId === deviceId;
}

/** The first of `scopes` the caller does not hold, or undefined. */
export function firstMissingScope(caller: Caller, scopes: readonly string[]): string | undefined {
  return scopes.find((s) => !caller.hasScope(s));
}

/**
 * Refuses an approval the caller has no authority for with `PAIRING_APPROVAL_DENIED`.
 * `message` stays the fixed text clients match on (OpenClaw's CLI retries
 * `device pairing approval denied` with `operator.admin`); `details.reason` and
 * `details.remediationHint` say why and what to do.
 *
 * @throws OpenClawError PAIRING_APPROVAL_DENIED, details `{requestId, deviceId, reason:
 *   "own-device" | "missing-scope", missingScope?, requiredScopes}`.
 */
export function assertMayApprove(
  caller: Caller,
  request: { requestId: string; deviceId: string },
  requiredScopes: readonly string[],
  message = 'device pairing approval denied',
): void {
  const base = { requestId: request.requestId, deviceId: request.deviceId, requiredScopes: [...requiredScopes] };
  if (approvesOwnDevice(caller, request.deviceId)) {
    throw new OpenClawError('PAIRING_APPROVAL_DENIED', message, {
      details: { ...base, reason: 'own-device', remediationHint: 'A device cannot approve its own request; approve it from another operator device or with the gateway token.' },
    });
  }
  const missingScope = firstMissingScope(caller, requiredScopes);
  if (missingScope !== undefined) {
    throw new OpenClawError('PAIRING_APPROVAL_DENIED', message, {
      details: { ...base, reason: 'missing-scope', missingScope, remediationHint: `Approve as an operator holding ${missingScope} (every scope the request asks for), or with the gateway token.` },
    });
  }
}

/**
 * The only device a caller may see and manage in the pairing views, or undefined for every
 * device. A device-token caller without `operator.admin` acts for its own device only
 * (PROTOCOL.md section 5.2: such callers "only see their own device"), so a pairing-scoped
 * device cannot list, reject, remove or rename other devices, an admin's among them.
 */
export function pairingReach(caller: Caller): string | undefined {
  return caller.authMethod === 'device-token' && !caller.hasScope('operator.admin') ? (caller.deviceId ?? '') : undefined;
}

/** True when `deviceId` is within the caller's pairing reach. */
export function withinReach(caller: Caller, deviceId: string): boolean {
  const own = pairingReach(caller);
  return own === undefined || own === deviceId;
}

/**
 * Refuses managing another device's pairing from a non-admin device token.
 *
 * @throws OpenClawError FORBIDDEN, details `{deviceId, reason: "other-device"}`.
 */
export function assertWithinReach(caller: Caller, deviceId: string): void {
  if (withinReach(caller, deviceId)) return;
  throw new OpenClawError('FORBIDDEN', 'a device token without operator.admin manages only its own device', {
    details: { deviceId, reason: 'other-device', remediationHint: 'Use the gateway token or an operator device holding operator.admin.' },
  });
}
