import type { Hub } from '../hub.js';
import type { PairedDevice } from '../state/pairing-model.js';

/**
 * Ends the live sessions a pairing no longer covers: every connection of a device whose
 * record is gone (`after` undefined), or of a role the record no longer grants. Used when a
 * removal happens here and when another cluster member's change notice reports one.
 */
export function closeRevokedSessions(hub: Hub, deviceId: string, after: PairedDevice | undefined): void {
  for (const conn of hub.all()) {
    if (conn.deviceId !== deviceId) continue;
    if (!after) conn.close(1008, 'device pairing removed');
    else if (conn.role && !after.roles.includes(conn.role)) conn.close(1008, `${conn.role} pairing removed`);
  }
}
