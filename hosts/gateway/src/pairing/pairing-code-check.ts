import { OpenClawError } from '@openclaw-nodes/core/errors';
import { pairingCode, samePairingCode } from '@openclaw-nodes/core/identity';
import type { GatewayContext } from '../gateway-context.js';
import type { PendingDevice } from '../state/pairing-model.js';

/**
 * The verification code of a node's pairing request, as the node host prints it (null for
 * other roles): from the key of the gateway it asked, which in a cluster may be another member.
 */
export function requestCode(ctx: GatewayContext, request: PendingDevice): string | null {
  return request.role === 'node' ? pairingCode(request.gatewayPublicKey ?? ctx.publicKey, request.publicKey) : null;
}

/**
 * Checks the code an operator typed for a node's pairing request: a wrong code is refused
 * whatever the settings; no code is refused only under `gateway.nodes.pairing.requireCode`
 * for a node whose request was not local: loopback with the gateway's local proof (a proxied
 * or tunnelled request, or a loopback client without the proof, counts as remote).
 *
 * @throws OpenClawError `PAIRING_CODE_MISMATCH`, `PAIRING_CODE_REQUIRED`.
 */
export function checkPairingCode(ctx: GatewayContext, request: PendingDevice, typed: string | undefined): void {
  const expected = requestCode(ctx, request);
  if (expected === null) return;
  if (typed !== undefined) {
    if (samePairingCode(typed, expected)) return;
    throw new OpenClawError('PAIRING_CODE_MISMATCH', `verification code mismatch for request ${request.requestId}: compare the code the node host printed with \`openclaw nodes pending\`; if they differ, something between them holds other keys, so reject the request`, {
      details: { requestId: request.requestId },
    });
  }
  if (ctx.settings.requirePairingCode && request.local !== true) {
    throw new OpenClawError('PAIRING_CODE_REQUIRED', `verification code required: approve with \`openclaw nodes approve ${request.requestId} --code <code>\`, the code the node host printed`, {
      details: { requestId: request.requestId },
    });
  }
}
