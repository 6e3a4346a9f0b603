import type { Redis } from 'ioredis';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { ClusterOptions } from './cluster-options.js';

/**
 * Longest one Redis command may take before its caller gets `CLUSTER_UNAVAILABLE`, ms: only a
 * Redis that hangs with its connection open gets this far (a closed one fails at once). Not
 * lower: a member busy with thousands of handshakes can stall its event loop past a second,
 * and the timer would then fire before the reply is read.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;

/**
 * A Redis connection that fails fast: no offline queue and no retried commands, so while Redis
 * is away every call rejects at once (`clusterUnavailable`) instead of hanging its caller; the
 * connection itself keeps retrying with capped backoff and jitter. ioredis is imported here
 * only, and only when a cluster is configured: a gateway on its own never loads it.
 */
export async function openRedis(options: ClusterOptions['redis'], connectionName: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const tls = options.tls ? { ...(options.tls.ca ? { ca: options.tls.ca } : {}) } : undefined;
  const redis = new Redis(options.url, {
    ...(options.username ? { username: options.username } : {}),
    ...(options.password ? { password: options.password } : {}),
    ...(tls ? { tls } : {}),
    connectionName,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResubscribe: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 4), 1_000) + Math.floor(Math.random() * 100),
  });
  return redis;
}

/** The coded error for anything that needs Redis while it cannot be reached. */
export function clusterUnavailable(what: string, cause?: unknown): OpenClawError {
  const reason = cause instanceof Error ? `: ${cause.message}` : '';
  return new OpenClawError('CLUSTER_UNAVAILABLE', `${what} needs the cluster's Redis, which cannot be reached${reason}; retry when it is back`, {
    retryable: true,
    ...(cause ? { cause } : {}),
  });
}
