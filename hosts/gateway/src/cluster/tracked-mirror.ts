import type { PairedDevice, PendingDevice } from '../state/pairing-model.js';
import { PairingMirror } from '../state/pairing-records.js';

type Ids = { paired: Set<string>; pending: Set<string> };

/**
 * A pairing mirror that knows which records may have changed: every record it hands out or
 * is given is noted, so a save diffs only those and costs what changed, not the fleet size.
 * Handlers change records in place on what `device()` & co. returned, so handing out counts.
 */
export abstract class TrackedPairingMirror extends PairingMirror {
  private touched: Ids = { paired: new Set(), pending: new Set() };
  private previous: Ids = { paired: new Set(), pending: new Set() };

  /**
   * The ids to check in the write starting now: those noted since the last write and those
   * of the write before, because a record read before that write began may have been changed
   * (and saved) while it ran.
   */
  protected takeTouched(): Ids {
    const ids = { paired: new Set([...this.touched.paired, ...this.previous.paired]), pending: new Set([...this.touched.pending, ...this.previous.pending]) };
    this.previous = this.touched;
    this.touched = { paired: new Set(), pending: new Set() };
    return ids;
  }

  override device(deviceId: string): PairedDevice | undefined {
    this.touched.paired.add(deviceId);
    return super.device(deviceId);
  }

  override putDevice(device: PairedDevice): void {
    this.touched.paired.add(device.deviceId);
    super.putDevice(device);
  }

  override removeDevice(deviceId: string): PairedDevice | undefined {
    this.touched.paired.add(deviceId);
    return super.removeDevice(deviceId);
  }

  override surfaceRequest(requestId: string): PairedDevice | undefined {
    const device = super.surfaceRequest(requestId);
    if (device) this.touched.paired.add(device.deviceId);
    return device;
  }

  override pendingDevice(requestId: string, now?: number): PendingDevice | undefined {
    this.touched.pending.add(requestId);
    return super.pendingDevice(requestId, now);
  }

  override pendingFor(deviceId: string, role: string, now?: number): PendingDevice | undefined {
    const request = super.pendingFor(deviceId, role, now);
    if (request) this.touched.pending.add(request.requestId);
    return request;
  }

  override putPending(request: PendingDevice): void {
    this.touched.pending.add(request.requestId);
    super.putPending(request);
  }

  override removePending(requestId: string): PendingDevice | undefined {
    this.touched.pending.add(requestId);
    return super.removePending(requestId);
  }
}
