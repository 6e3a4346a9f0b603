import { join } from 'node:path';
import { JsonFileStore } from '@openclaw-nodes/core/store';
import { GroupCommit } from './group-commit.js';
import { emptyPairingState, parsePairingState, type PairedDevice, type PairingState, type PendingDevice } from './pairing-model.js';

/** Pending device requests expire, as in OpenClaw; surface requests do not. */
export const PENDING_DEVICE_TTL_MS = 5 * 60_000;

/**
 * The gateway's pairing records, held in memory and written atomically to
 * `<stateDir>/gateway/pairing.json`. Mutate through the accessors, then `await save()` before
 * acknowledging anything that depends on the change.
 */
export class PairingStore {
  private state: PairingState = emptyPairingState();
  private readonly file: JsonFileStore<PairingState>;
  private readonly committer: GroupCommit;

  constructor(stateDir: string) {
    this.file = new JsonFileStore<PairingState>(join(stateDir, 'gateway', 'pairing.json'), {
      defaults: emptyPairingState,
      parse: parsePairingState,
    });
    this.committer = new GroupCommit(() => this.file.write(this.state));
  }

  async load(): Promise<void> {
    this.state = await this.file.read();
  }

  save(): Promise<void> {
    return this.committer.commit();
  }

  flush(): Promise<void> {
    return this.committer.idle();
  }

  device(deviceId: string): PairedDevice | undefined {
    return this.state.paired[deviceId];
  }

  devices(): PairedDevice[] {
    return Object.values(this.state.paired);
  }

  putDevice(device: PairedDevice): void {
    this.state.paired[device.deviceId] = device;
  }

  removeDevice(deviceId: string): PairedDevice | undefined {
    const device = this.state.paired[deviceId];
    delete this.state.paired[deviceId];
    return device;
  }

  pendingDevices(now = Date.now()): PendingDevice[] {
    this.expire(now);
    return Object.values(this.state.pending);
  }

  pendingDevice(requestId: string, now = Date.now()): PendingDevice | undefined {
    this.expire(now);
    return this.state.pending[requestId];
  }

  /** The open request of a device for a role, so a reconnecting device reuses its request id. */
  pendingFor(deviceId: string, role: string, now = Date.now()): PendingDevice | undefined {
    return this.pendingDevices(now).find((p) => p.deviceId === deviceId && p.role === role);
  }

  putPending(request: PendingDevice): void {
    this.state.pending[request.requestId] = request;
  }

  removePending(requestId: string): PendingDevice | undefined {
    const request = this.state.pending[requestId];
    delete this.state.pending[requestId];
    return request;
  }

  /** The device whose pending node surface request has this id. */
  surfaceRequest(requestId: string): PairedDevice | undefined {
    return this.devices().find((d) => d.pendingNodeSurface?.requestId === requestId);
  }

  private expire(now: number): void {
    for (const [id, request] of Object.entries(this.state.pending)) {
      if (now - request.ts > PENDING_DEVICE_TTL_MS) delete this.state.pending[id];
    }
  }
}
