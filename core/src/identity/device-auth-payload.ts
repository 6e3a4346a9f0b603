/** The values a device signature binds (PROTOCOL.md section 3.3). */
export interface DeviceAuthFields {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  /** In the order sent in `connect.params.scopes`. */
  scopes: readonly string[];
  signedAt: number;
  /** The credential authenticating the socket (shared, device or bootstrap token); absent for password auth. */
  token?: string | null;
  nonce: string;
  platform?: string;
  deviceFamily?: string;
}

export type DeviceAuthVersion = 'v3' | 'v2';

/**
 * The exact string a device signs: fields joined by `|`, no escaping. v3 appends the
 * platform and device family, trimmed and lower-cased in ASCII only, since a Unicode-aware
 * lower-casing would make client and gateway disagree on some inputs.
 *
 * @example
 * buildDeviceAuthPayload('v3', { deviceId, clientId: 'node-host', clientMode: 'node', role: 'node',
 *   scopes: [], signedAt: challenge.ts, token, nonce: challenge.nonce, platform: 'linux', deviceFamily: 'Linux' });
 * // 'v3|<deviceId>|node-host|node|node||1795509049058|<token>|<nonce>|linux|linux'
 */
export function buildDeviceAuthPayload(version: DeviceAuthVersion, f: DeviceAuthFields): string {
  const parts = [version, f.deviceId, f.clientId, f.clientMode, f.role, f.scopes.join(','), String(f.signedAt), f.token ?? '', f.nonce];
  if (version === 'v3') parts.push(lowerAscii(f.platform), lowerAscii(f.deviceFamily));
  return parts.join('|');
}

function lowerAscii(value: string | undefined): string {
  return (value ?? '').trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}
