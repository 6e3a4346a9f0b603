import type { Redis } from 'ioredis';
import { hashTokensInPlace } from '../state/device-token.js';
import { GroupCommit } from '../state/group-commit.js';
import type { PairedDevice, PendingDevice } from '../state/pairing-model.js';
import { PENDING_DEVICE_TTL_MS } from '../state/pairing-records.js';
import { TrackedPairingMirror } from './tracked-mirror.js';
import type { ClusterKeys } from './cluster-options.js';
import { clusterUnavailable } from './redis-connection.js';
import { parseRecord, readRecords, type ChangeNotice } from './pairing-records-redis.js';

/** Told when another member (or a resync) changed a paired device: `after` undefined means removed. */
export type DeviceChangeListener = (deviceId: string, before: PairedDevice | undefined, after: PairedDevice | undefined) => void;

/**
 * Pairing records with Redis as the truth and a mirror in memory on every member.
 *
 * Why a mirror: every handshake and every invoke reads the pairing (token, roles, approved
 * surface) synchronously; a Redis round trip there would cost each of them. Writes go to
 * Redis, one MULTI per save with a key per record (not one blob: a handshake writes one
 * record whatever the fleet size), and the same MULTI publishes a change notice naming the
 * records, so every other member re-reads just those. Device tokens reach Redis hashed only.
 *
 * Nothing is acknowledged before Redis acknowledged: `save()` rejects with
 * `CLUSTER_UNAVAILABLE` when Redis is away or the write fails, the records it carried go back
 * to what Redis last acknowledged (a removal that failed leaves the node working here), and
 * no write succeeds until a full resync, so a change whose caller was told it failed neither
 * lingers here nor reaches Redis later. A write whose answer was lost (timeout after Redis
 * applied it) shows up at that resync: the one outcome no remote store can rule out.
 */
export class RedisPairingStore extends TrackedPairingMirror {
  /** The JSON each record has in Redis as far as this member knows: what `save()` diffs against. */
  private written = { paired: new Map<string, string>(), pending: new Map<string, string>() };
  private synced = false;
  private readonly committer = new GroupCommit(() => this.write());

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly origin: string,
    private readonly onDeviceChange: DeviceChangeListener,
    /** Told when a failed write made the mirror stale: the owner resyncs it. */
    private readonly onLost: () => void = () => undefined,
  ) {
    super();
  }

  /** Whether the mirror holds what Redis holds (false while Redis is away, until the next resync). */
  get ready(): boolean {
    return this.synced;
  }

  /** Marks the mirror stale: writes fail until `resync()` succeeds. */
  lost(): void {
    this.synced = false;
  }

  /** Each save waits for a write that starts after it: one MULTI carries every change since the last. */
  save(): Promise<void> {
    return this.committer.commit();
  }

  flush(): Promise<void> {
    return this.committer.idle();
  }

  /** Replaces the mirror with everything in Redis; listeners hear of every device that differs. */
  async resync(): Promise<void> {
    const [paired, pending] = await Promise.all([readRecords<PairedDevice>(this.redis, this.keys.devices, this.keys.device.bind(this.keys)), readRecords<PendingDevice>(this.redis, this.keys.pendings, this.keys.pending.bind(this.keys))]);
    const before = this.state.paired;
    this.state = { paired: new Map([...paired].map(([id, r]) => [id, r.record])), pending: new Map([...pending].map(([id, r]) => [id, r.record])) };
    this.written = { paired: new Map([...paired].map(([id, r]) => [id, r.json])), pending: new Map([...pending].map(([id, r]) => [id, r.json])) };
    this.synced = true;
    for (const id of new Set([...before.keys(), ...paired.keys()])) {
      if (JSON.stringify(before.get(id)) !== paired.get(id)?.json) this.onDeviceChange(id, before.get(id), this.state.paired.get(id));
    }
  }

  /** Applies another member's change notice: re-reads the records it names. */
  async apply(notice: ChangeNotice): Promise<void> {
    if (notice.origin === this.origin) return;
    const devices = notice.devices.length ? await this.redis.mget(notice.devices.map((id) => this.keys.device(id))) : [];
    const pending = notice.pending.length ? await this.redis.mget(notice.pending.map((id) => this.keys.pending(id))) : [];
    notice.pending.forEach((id, i) => this.take(this.state.pending, this.written.pending, id, pending[i] ?? null));
    notice.devices.forEach((id, i) => {
      const before = this.state.paired.get(id);
      this.take(this.state.paired, this.written.paired, id, devices[i] ?? null);
      this.onDeviceChange(id, before, this.state.paired.get(id));
    });
  }

  async refresh(deviceId: string): Promise<void> {
    if (!this.synced) return;
    const json = await this.redis.get(this.keys.device(deviceId)).catch(() => undefined);
    if (json !== undefined) this.take(this.state.paired, this.written.paired, deviceId, json);
  }

  /** Puts the records of a failed write back as Redis last acknowledged them: the caller was told it failed. */
  private rollBack(devices: Map<string, unknown>, pending: Map<string, unknown>): void {
    for (const id of devices.keys()) this.take(this.state.paired, this.written.paired, id, this.written.paired.get(id) ?? null);
    for (const id of pending.keys()) this.take(this.state.pending, this.written.pending, id, this.written.pending.get(id) ?? null);
  }

  private take<T>(records: Map<string, T>, written: Map<string, string>, id: string, json: string | null): void {
    const record = json === null ? undefined : parseRecord<T>(json);
    if (record === undefined) {
      records.delete(id);
      written.delete(id);
    } else {
      records.set(id, record);
      written.set(id, json!);
    }
  }

  private async write(): Promise<void> {
    const now = Date.now();
    const ids = this.takeTouched();
    const devices = diff(ids.paired, this.state.paired, this.written.paired, (device) => hashTokensInPlace(device));
    const pending = diff(ids.pending, this.state.pending, this.written.pending);
    if (devices.size === 0 && pending.size === 0) return;
    if (!this.synced || this.redis.status !== 'ready') {
      this.rollBack(devices, pending);
      throw clusterUnavailable('changing a pairing');
    }
    const multi = this.redis.multi();
    for (const [id, json] of devices) {
      if (json === undefined) multi.del(this.keys.device(id)).srem(this.keys.devices, id);
      else multi.set(this.keys.device(id), json).sadd(this.keys.devices, id);
    }
    for (const [id, json] of pending) {
      const ttl = json === undefined ? 0 : PENDING_DEVICE_TTL_MS - (now - this.state.pending.get(id)!.ts);
      if (ttl <= 0) multi.del(this.keys.pending(id)).srem(this.keys.pendings, id);
      else multi.set(this.keys.pending(id), json!, 'PX', ttl).sadd(this.keys.pendings, id);
    }
    const notice: ChangeNotice = { origin: this.origin, devices: [...devices.keys()], pending: [...pending.keys()] };
    multi.publish(this.keys.pairingChannel, JSON.stringify(notice));
    try {
      const replies = await multi.exec();
      const failed = replies?.find(([err]) => err);
      if (!replies || failed) throw failed?.[0] ?? new Error('transaction aborted');
    } catch (err) {
      this.synced = false;
      this.rollBack(devices, pending);
      this.onLost();
      throw clusterUnavailable('changing a pairing', err);
    }
    for (const [id, json] of devices) json === undefined ? this.written.paired.delete(id) : this.written.paired.set(id, json);
    for (const [id, json] of pending) json === undefined ? this.written.pending.delete(id) : this.written.pending.set(id, json);
  }
}

/** Of `ids`, the records whose JSON differs from what Redis has: id → new JSON, or undefined when removed. */
function diff<T>(ids: Set<string>, records: Map<string, T>, written: Map<string, string>, prepare?: (record: T) => void): Map<string, string | undefined> {
  const changed = new Map<string, string | undefined>();
  for (const id of ids) {
    const record = records.get(id);
    if (record === undefined) {
      if (written.has(id)) changed.set(id, undefined);
      continue;
    }
    prepare?.(record);
    const json = JSON.stringify(record);
    if (written.get(id) !== json) changed.set(id, json);
  }
  return changed;
}
