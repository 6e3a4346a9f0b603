import { MAX_PAYLOAD_DEPTH, parseJsonBounded } from '@openclaw-nodes/core/protocol';
import type { Redis } from 'ioredis';

/** What a member publishes after each pairing write: the ids of the records it changed. */
export interface ChangeNotice {
  origin: string;
  devices: string[];
  pending: string[];
}

/** Bigger notices are ignored (a resync on reconnect still catches up): members write far fewer records at once. */
const MAX_NOTICE_BYTES = 1 << 20;
const MAX_ID_LENGTH = 256;
/** MGET batch: big enough to load 5,000 records in ten round trips, small enough not to stall Redis. */
const READ_BATCH = 500;

/** Parses a change notice from the channel; undefined for anything malformed. */
export function parseChangeNotice(message: string): ChangeNotice | undefined {
  if (message.length > MAX_NOTICE_BYTES) return undefined;
  const notice = parseRecord<Partial<ChangeNotice>>(message);
  const ids = (v: unknown): v is string[] => Array.isArray(v) && v.every((id) => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH);
  if (!notice || typeof notice.origin !== 'string' || !ids(notice.devices) || !ids(notice.pending)) return undefined;
  return notice as ChangeNotice;
}

/**
 * Every record in an index set with its JSON, in batches. Ids whose key is gone (an expired
 * pending request) are dropped from the index on the way.
 */
export async function readRecords<T>(redis: Redis, index: string, key: (id: string) => string): Promise<Map<string, { record: T; json: string }>> {
  const ids = await redis.smembers(index);
  const out = new Map<string, { record: T; json: string }>();
  const gone: string[] = [];
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const batch = ids.slice(i, i + READ_BATCH);
    const values = await redis.mget(batch.map(key));
    batch.forEach((id, j) => {
      const json = values[j];
      const record = json == null ? undefined : parseRecord<T>(json);
      if (record === undefined) gone.push(id);
      else out.set(id, { record, json: json! });
    });
  }
  if (gone.length) await redis.srem(index, ...gone);
  return out;
}

/**
 * A record or message from Redis, or undefined when it is not a JSON object within the
 * protocol's depth bound (it is then treated as absent): whoever can write to Redis is
 * still held to the bounds a peer on the socket is.
 */
export function parseRecord<T>(json: string): T | undefined {
  try {
    const value: unknown = parseJsonBounded(json, MAX_PAYLOAD_DEPTH, 'a Redis value');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
