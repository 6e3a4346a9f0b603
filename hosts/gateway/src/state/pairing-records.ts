import type { PairedDevice, PairingState, PendingDevice } from './pairing-model.js';
import { emptyPairingState } from './pairing-model.js';

/** Pending device requests expire, as in OpenClaw; surface requests do not. */
export const PENDING_DEVICE_TTL_MS = 5 * 60_000;

/**
 * The pairing records as the gateway sees them: read synchronously from memory, mutated
 * through the accessors (or in place on a record they return), then `await save()` before
 * acknowledging anything that depends on the change. `save()` rejects when the change did
 * not become durable; nothing may be acknowledged then.
 */
export interface PairingRecords {
  save(): Promise<void>;
  /** Resolves once nothing is being written. */
  flush(): Promise<void>;
  device(deviceId: string): PairedDevice | undefined;
  devices(): PairedDevice[];
  putDevice(device: PairedDevice): void;
  removeDevice(deviceId: string): PairedDevice | undefined;
  pendingDevices(now?: number): PendingDevice[];
  pendingDevice(requestId: string, now?: number): PendingDevice | undefined;
  pendingFor(deviceId: string, role: string, now?: number): PendingDevice | undefined;
  putPending(request: PendingDevice): void;
  removePending(requestId: string): PendingDevice | undefined;
  surfaceRequest(requestId: string): PairedDevice | undefined;
  /**
   * Re-reads one device from the shared truth where the records are shared (a cluster), so a
   * connect right after another member approved it does not wait for the change notice.
   * Never rejects; absent for a store only this gateway writes.
   */
  refresh?(deviceId: string): Promise<void>;
}

/**
 * The in-memory half every store shares: maps of paired devices and pending requests with
 * expiry. Subclasses decide where `save()` puts them (a file, Redis).
 */
export abstract class PairingMirror implements PairingRecords {
  protected state: PairingState = emptyPairingState();

  abstract save(): Promise<void>;
  abstract flush(): Promise<void>;

  device(deviceId: string): PairedDevice | undefined {
    return this.state.paired.get(deviceId);
  }

  devices(): PairedDevice[] {
    return [...this.state.paired.values()];
  }

  putDevice(device: PairedDevice): void {
    this.state.paired.set(device.deviceId, device);
  }

  removeDevice(deviceId: string): PairedDevice | undefined {
    const device = this.state.paired.get(deviceId);
    this.state.paired.delete(deviceId);
    return device;
  }

  pendingDevices(now = Date.now()): PendingDevice[] {
    this.expire(now);
    return [...this.state.pending.values()];
  }

  pendingDevice(requestId: string, now = Date.now()): PendingDevice | undefined {
    this.expire(now);
    return this.state.pending.get(requestId);
  }

  /** The open request of a device for a role, so a reconnecting device reuses its request id. */
  pendingFor(deviceId: string, role: string, now = Date.now()): PendingDevice | undefined {
    return this.pendingDevices(now).find((p) => p.deviceId === deviceId && p.role === role);
  }

  putPending(request: PendingDevice): void {
    this.state.pending.set(request.requestId, request);
  }

  removePending(requestId: string): PendingDevice | undefined {
    const request = this.state.pending.get(requestId);
    this.state.pending.delete(requestId);
    return request;
  }

  /** The device whose pending node surface request has this id. */
  surfaceRequest(requestId: string): PairedDevice | undefined {
    for (const d of this.state.paired.values()) if (d.pendingNodeSurface?.requestId === requestId) return d;
    return undefined;
  }

  private expire(now: number): void {
    for (const [id, request] of this.state.pending) {
      if (now - request.ts > PENDING_DEVICE_TTL_MS) this.state.pending.delete(id);
    }
  }
}
