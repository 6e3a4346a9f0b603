import { z } from 'zod';
import { CLIENT_IDS, CLIENT_MODES } from './constants.js';
import { nonEmptyString, nonNegativeInt, stringList } from './primitives.js';

/** Payload of the server's first frame, `connect.challenge` (section 2.1). */
export const ConnectChallengeSchema = z.strictObject({
  nonce: nonEmptyString,
  ts: nonNegativeInt,
  capabilities: z.array(nonEmptyString).optional(),
});
export type ConnectChallenge = z.infer<typeof ConnectChallengeSchema>;

/** `connect.params.client`. */
export const ClientInfoSchema = z.strictObject({
  id: z.enum(CLIENT_IDS),
  displayName: nonEmptyString.optional(),
  version: nonEmptyString,
  buildId: z.string().min(1).max(96).optional(),
  platform: nonEmptyString,
  deviceFamily: nonEmptyString.optional(),
  modelIdentifier: nonEmptyString.optional(),
  timeZone: z.string().min(1).max(64).optional(),
  mode: z.enum(CLIENT_MODES),
  instanceId: nonEmptyString.optional(),
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
  caps: stringList.optional(),
  commands: stringList.optional(),
  computerUse: z.unknown().optional(),
  workerRuns: WorkerRunsSchema.optional(),
  permissions: z.record(nonEmptyString, z.boolean()).optional(),
  pathEnv: z.string().optional(),
  role: nonEmptyString.optional(),
  scopes: stringList.optional(),
  modelCatalog: ModelCatalogSchema.optional(),
  device: DeviceBlockSchema.optional(),
  auth: ConnectAuthSchema.optional(),
  locale: z.string().optional(),
  userAgent: z.string().optional(),
});
export type ConnectParams = z.infer<typeof ConnectParamsSchema>;
