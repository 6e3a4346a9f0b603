/**
 * @module
 * Device identity: the Ed25519 key pair of a node or client, its device id, the signed
 * `connect` device proof and the gateway's verification of it (PROTOCOL.md sections 3 and 4).
 */
export { generateDeviceIdentity, identityFromPrivateKeyPem, type DeviceIdentity } from './identity/device-identity.js';
export { loadOrCreateDeviceIdentity, deviceIdentityPath, gatewayIdentityPath } from './identity/load-or-create-device-identity.js';
export { pairingCode, samePairingCode } from './identity/pairing-code.js';
export { deviceIdFromPublicKey, normalizePublicKey, parseAdmittedPublicKey, parsePublicKey, type ParsedPublicKey } from './identity/public-key.js';
export { buildDeviceAuthPayload, type DeviceAuthFields, type DeviceAuthVersion } from './identity/device-auth-payload.js';
export { signDevicePayload, verifyDeviceSignature } from './identity/device-signature.js';
export { signConnectDevice, type ConnectDevice, type ConnectDeviceArgs } from './identity/sign-connect-device.js';
export {
  verifyDeviceProof,
  DEFAULT_MAX_SKEW_MS,
  type DeviceProofInput,
  type VerifiedDeviceProof,
} from './identity/verify-device-proof.js';
export { GATEWAY_NONCE_HEADER, newGatewayNonce, readGatewayNonce, signGatewayProof, verifyGatewayProof, type GatewayProof } from './identity/gateway-proof.js';
