import { z } from 'zod';
import { positiveTimeoutMsSchema } from '@openclaw-nodes/core/timer-bounds';
import { isSha256Fingerprint } from '@openclaw-nodes/core/tls-fingerprint';
import { secret } from './secret-fields.js';

const commandList = z.array(z.string().trim().min(1)).default([]);

/** The `gateway` section: how the gateway listens and how clients reach it. */
export const gatewayConfigSchema = z
  .strictObject({
    /** `remote` makes CLI commands talk to `gateway.remote.url` instead of the local port. */
    mode: z.enum(['local', 'remote']).default('local'),
    port: z.number().int().min(1).max(65_535).default(18_789),
    /** Loopback by default: nothing outside this machine can reach an unconfigured gateway. */
    bind: z.enum(['loopback', 'lan', 'custom']).default('loopback'),
    /** Address to listen on when `bind` is `custom`. */
    customBindHost: z.string().trim().min(1).optional(),
    auth: z
      .strictObject({
        mode: z.enum(['token', 'none']).default('token'),
        token: secret(z.string().min(1)).optional(),
      })
      .prefault({}),
    tls: z
      .strictObject({
        enabled: z.boolean().default(false),
        certPath: z.string().min(1).optional(),
        keyPath: z.string().min(1).optional(),
      })
      .prefault({}),
    controlUi: z
      .strictObject({
        /** Extra browser origins allowed to open the control page's WebSocket. */
        allowedOrigins: z.array(z.string().min(1)).default([]),
      })
      .prefault({}),
    nodes: z
      .strictObject({
        pairing: z
          .strictObject({
            /** Approve first-time loopback pairing silently (PROTOCOL.md 5.1). */
            autoApproveLocal: z.boolean().default(true),
            /** Approving a node that is not on loopback needs the verification code it printed (`nodes approve --code`). */
            requireCode: z.boolean().default(false),
          })
          .prefault({}),
        /** Added to / removed from the per-platform command allowlist (PROTOCOL.md 10.6). */
        commands: z.strictObject({ allow: commandList, deny: commandList }).prefault({}),
      })
      .prefault({}),
    /** HTTP bounds against idle and slow clients; unset keys keep the gateway's defaults (docs/config.md). */
    http: z
      .strictObject({
        headersTimeoutMs: positiveTimeoutMsSchema.optional(),
        requestTimeoutMs: positiveTimeoutMsSchema.optional(),
        keepAliveTimeoutMs: positiveTimeoutMsSchema.optional(),
        idleTimeoutMs: positiveTimeoutMsSchema.optional(),
        maxIdleSockets: z.int().min(0).max(100_000).optional(),
      })
      .prefault({}),
    /** Media nodes upload out of band; unset keys keep the gateway's defaults (docs/config.md). */
    media: z
      .strictObject({
        ttlMs: positiveTimeoutMsSchema.optional(),
        maxUploadBytes: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        maxStoredBytes: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        maxStoredBytesPerNode: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        maxSlotsPerNode: z.int().min(1).max(1_000).optional(),
        maxConcurrentUploads: z.int().min(1).max(1_000).optional(),
        uploadWindowMs: positiveTimeoutMsSchema.optional(),
      })
      .prefault({}),
    /** Several gateways acting as one, their shared state in Redis (docs/cluster.md); absent: a gateway on its own. */
    cluster: z
      .strictObject({
        /** Prefix of every key and channel, so two clusters can share one Redis. */
        name: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
          .default('openclaw'),
        redis: z.strictObject({
          url: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL'),
          /** Redis ACL user (`AUTH <username> <password>`). */
          username: z.string().min(1).optional(),
          password: secret(z.string().min(1)).optional(),
          /** TLS to Redis (also implied by a rediss:// url); `caPath` trusts a private CA (PEM). */
          tls: z.strictObject({ caPath: z.string().min(1).optional() }).optional(),
        }),
      })
      .optional(),
    remote: z
      .strictObject({
        url: z
          .string()
          .regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL')
          .optional(),
        token: secret(z.string().min(1)).optional(),
        /** SHA-256 the remote gateway's certificate must have (a wss:// url). */
        tlsFingerprint: z.string().refine(isSha256Fingerprint, 'must be a SHA-256 fingerprint: 64 hex digits, plain or colon-separated').optional(),
      })
      .optional(),
  })
  .superRefine((gateway, ctx) => {
    if (gateway.bind === 'custom' && gateway.customBindHost === undefined) {
      ctx.addIssue({ code: 'custom', path: ['customBindHost'], message: 'required when gateway.bind is "custom"' });
    }
    const { headersTimeoutMs, requestTimeoutMs } = gateway.http;
    if (headersTimeoutMs !== undefined && requestTimeoutMs !== undefined && headersTimeoutMs > requestTimeoutMs) {
      ctx.addIssue({ code: 'custom', path: ['http', 'headersTimeoutMs'], message: 'must not exceed http.requestTimeoutMs' });
    }
    if (gateway.tls.enabled && (gateway.tls.certPath === undefined) !== (gateway.tls.keyPath === undefined)) {
      const missing = gateway.tls.certPath === undefined ? 'certPath' : 'keyPath';
      ctx.addIssue({ code: 'custom', path: ['tls', missing], message: 'certPath and keyPath must be set together' });
    }
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
