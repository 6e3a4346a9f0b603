import type { ClientId, ClientMode } from '../protocol/constants.js';
import { PROTOCOL_VERSION } from '../protocol/constants.js';
import type { ConnectAuth, ConnectParams, DeviceBlock } from '../protocol/connect.js';

/** Who is connecting: `connect.params.client`. */
export interface GatewayClientInfo {
  id: ClientId;
  mode: ClientMode;
  version: string;
  platform: string;
  deviceFamily?: string;
  displayName?: string;
  instanceId?: string;
  modelIdentifier?: string;
}

/** Credentials to present; see `signedToken` for which one the device proof binds. */
export interface GatewayAuth {
  token?: string;
  deviceToken?: string;
  password?: string;
  bootstrapToken?: string;
}

/** What a client declares in `connect`, besides the device proof. */
export interface ConnectIntent {
  role: 'node' | 'operator';
  scopes?: readonly string[];
  client: GatewayClientInfo;
  caps?: readonly string[];
  commands?: readonly string[];
  permissions?: Readonly<Record<string, boolean>>;
  pathEnv?: string;
  auth?: GatewayAuth;
  minProtocol?: number;
  maxProtocol?: number;
}

/**
 * The credential that authenticates the socket and therefore goes into the signed device
 * payload: the gateway picks `token ?? deviceToken ?? bootstrapToken` (password auth signs
 * an empty token, represented here as `null`).
 */
export function signedToken(auth: GatewayAuth | undefined): string | null {
  return auth?.token ?? auth?.deviceToken ?? auth?.bootstrapToken ?? null;
}

/**
 * Builds `connect` params in the key order the real node host and CLI send, leaving out
 * what is not set (the schema is closed, and `undefined` is not JSON).
 *
 * @example
 * buildConnectParams({ role: 'operator', scopes: ['operator.read'], client: { id: 'cli', mode: 'cli', version: '1.0.0', platform: 'linux' }, auth: { token } });
 */
export function buildConnectParams(intent: ConnectIntent, device?: DeviceBlock): ConnectParams {
  const c = intent.client;
  const client: ConnectParams['client'] = {
    id: c.id,
    ...(c.displayName === undefined ? {} : { displayName: c.displayName }),
    version: c.version,
    platform: c.platform,
    ...(c.deviceFamily === undefined ? {} : { deviceFamily: c.deviceFamily }),
    ...(c.modelIdentifier === undefined ? {} : { modelIdentifier: c.modelIdentifier }),
    mode: c.mode,
    ...(c.instanceId === undefined ? {} : { instanceId: c.instanceId }),
  };

  const params: ConnectParams = {
    minProtocol: intent.minProtocol ?? PROTOCOL_VERSION,
    maxProtocol: intent.maxProtocol ?? PROTOCOL_VERSION,
    client,
    caps: [...(intent.caps ?? [])],
  };
  if (intent.commands !== undefined) params.commands = [...intent.commands];
  if (intent.pathEnv !== undefined) params.pathEnv = intent.pathEnv;
  if (intent.permissions !== undefined) params.permissions = { ...intent.permissions };
  const auth = pickAuth(intent.auth);
  if (auth !== undefined) params.auth = auth;
  params.role = intent.role;
  params.scopes = [...(intent.scopes ?? [])];
  if (device !== undefined) params.device = device;
  return params;
}

function pickAuth(auth: GatewayAuth | undefined): ConnectAuth | undefined {
  if (auth === undefined) return undefined;
  const out: ConnectAuth = {};
  if (auth.token !== undefined) out.token = auth.token;
  if (auth.bootstrapToken !== undefined) out.bootstrapToken = auth.bootstrapToken;
  if (auth.deviceToken !== undefined) out.deviceToken = auth.deviceToken;
  if (auth.password !== undefined) out.password = auth.password;
  return Object.keys(out).length === 0 ? undefined : out;
}
