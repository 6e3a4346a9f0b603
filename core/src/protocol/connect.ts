import { z } from 'zod';
import { CLIENT_IDS, CLIENT_MODES } from './constants.js';
import { nonEmptyString, nonNegativeInt } from './primitives.js';

/** Payload of the server's first frame, `connect.challenge` (section 2.1). */
export const ConnectChallengeSchema = z.strictObject({
  nonce: nonEmptyString,
  ts: nonNegativeInt,
  capabilities: z.array(nonEmptyString).optional(),
  /** Our gateways' signature over the node's upgrade nonce (`GATEWAY_NONCE_HEADER`); absent elsewhere. */
  gatewayProof: z.strictObject({ publicKey: z.string().min(1).max(1024), signature: z.string().min(1).max(256) }).optional(),
});
export type ConnectChallenge = z.infer<typeof ConnectChallengeSchema>;

// What a client claims in connect is kept (pairing records, pending requests, the pairing
// file) and shown to operators, so each field is bounded: one connect must not grow every
// record it lands in. The bounds are far above what real clients send.
const claimText = z.string().min(1).max(256);
const claimList = (max: number) => z.array(claimText).max(max);
const MAX_PERMISSIONS = 256;
const PermissionMapSchema = z
  .record(claimText, z.boolean())
  .refine((p) => Object.keys(p).length <= MAX_PERMISSIONS, { message: `at most ${MAX_PERMISSIONS} permissions` });

/**
 * The `node.surface` event payload: what a connected node announces now, after a plugin's
 * availability, advertised commands or permissions changed. Bounded as in `connect`.
 */
export const NodeSurfaceUpdateSchema = z.strictObject({
  caps: claimList(256),
  commands: claimList(1024),
  permissions: PermissionMapSchema.optional(),
});
export type NodeSurfaceUpdate = z.infer<typeof NodeSurfaceUpdateSchema>;

/** `connect.params.client`. */
export const ClientInfoSchema = z.strictObject({
  id: z.enum(CLIENT_IDS),
  displayName: claimText.optional(),
  version: claimText,
  buildId: z.string().min(1).max(96).optional(),
  platform: claimText,
  deviceFamily: claimText.optional(),
  modelIdentifier: claimText.optional(),
  timeZone: z.string().min(1).max(64).optional(),
  mode: z.enum(CLIENT_MODES),
  instanceId: claimText.optional(),
});
export type ClientInfo = z.infer<typeof ClientInfoSchema>;

/** The device identity proof (section 3); `signedAt` is the challenge `ts`. */
export const DeviceBlockSchema = z.strictObject({
  id: nonEmptyString,
  publicKey: nonEmptyString,
  signature: nonEmptyString,
  signedAt: nonNegativeInt,
  nonce: nonEmptyString,
});
export type DeviceBlock = z.infer<typeof DeviceBlockSchema>;

/** Credentials; the signed token is `token ?? deviceToken ?? bootstrapToken ?? ""`. */
export const ConnectAuthSchema = z.strictObject({
  token: z.string().optional(),
  bootstrapToken: z.string().optional(),
  deviceToken: z.string().optional(),
  password: z.string().optional(),
  approvalRuntimeToken: z.string().optional(),
  agentRuntimeIdentityToken: z.string().optional(),
});
export type ConnectAuth = z.infer<typeof ConnectAuthSchema>;

// Deprecated v1 worker envelope; node hosts still may send it.
const WorkerRunsSchema = z.strictObject({
  bundleHash: z.string(),
  openclawVersion: z.string(),
  protocolFeatures: z.array(z.string()),
  bundlePrewarm: z.int().optional(),
});

const ModelCatalogSchema = z.union([
  z.strictObject({ agentId: nonEmptyString.optional(), sessionKey: nonEmptyString.optional() }),
  z.strictObject({ agentId: nonEmptyString.optional(), shortId: nonEmptyString, slugHint: nonEmptyString.optional() }),
]);

/**
 * `connect` params (section 2.2), closed at every level like the shipped schema. `role`
 * and `scopes` stay open strings here: the gateway answers unknown ones with its own errors.
 */
export const ConnectParamsSchema = z.strictObject({
  minProtocol: z.int().min(1),
  maxProtocol: z.int().min(1),
  client: ClientInfoSchema,
  caps: claimList(256).optional(),
  commands: claimList(1024).optional(),
  computerUse: z.unknown().optional(),
  workerRuns: WorkerRunsSchema.optional(),
  permissions: PermissionMapSchema.optional(),
  pathEnv: z.string().optional(),
  role: nonEmptyString.optional(),
  scopes: claimList(64).optional(),
  modelCatalog: ModelCatalogSchema.optional(),
  device: DeviceBlockSchema.optional(),
  auth: ConnectAuthSchema.optional(),
  locale: z.string().optional(),
  userAgent: z.string().optional(),
});
export type ConnectParams = z.infer<typeof ConnectParamsSchema>;
