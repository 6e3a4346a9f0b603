import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readJsonFile, writeFileAtomic } from '@openclaw-nodes/core/store';
import { GroupCommit } from './group-commit.js';
import { emptyPairingState, parsePairingState, serializePairingState, type PairedDevice, type PairingState, type PendingDevice } from './pairing-model.js';

/** Pending device requests expire, as in OpenClaw; surface requests do not. */
export const PENDING_DEVICE_TTL_MS = 5 * 60_000;

/**
 * The gateway's pairing records, held in memory and written atomically to
 * `<stateDir>/gateway/pairing.json`. Mutate through the accessors, then `await save()` before
 * acknowledging anything that depends on the change.
 */
export class PairingStore {
  private state: PairingState = emptyPairingState();
  readonly path: string;
  private readonly committer: GroupCommit;

  /** The pairing file of a state directory. */
  static pathIn(stateDir: string): string {
    return join(stateDir, 'gateway', 'pairing.json');
  }

  constructor(stateDir: string) {
    this.path = PairingStore.pathIn(stateDir);
    this.committer = new GroupCommit(() => writeFileAtomic(this.path, serializePairingState(this.state)));
  }

  async load(): Promise<void> {
    const raw = await readJsonFile(this.path);
    if (raw === undefined) return;
    try {
      this.state = parsePairingState(raw);
    } catch (err) {
      throw new OpenClawError('STORE_CORRUPT', `${this.path} ${(err as Error).message}; move it aside to start with no pairings`, { cause: err, details: { path: this.path } });
    }
  }

  save(): Promise<void> {
    return this.committer.commit();
  }

  flush(): Promise<void> {
    return this.committer.idle();
  }

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
