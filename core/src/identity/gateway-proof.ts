import { randomBytes } from 'node:crypto';
import type { DeviceIdentity } from './device-identity.js';
import { signDevicePayload, verifyDeviceSignature } from './device-signature.js';
import { deviceIdFromPublicKey } from './public-key.js';

/**
 * Upgrade-request header carrying a node's random nonce. A gateway that holds an identity key
 * answers with `connect.challenge.gatewayProof`, a signature over that nonce, so the node knows
 * which gateway it reached before it sends any device token. Gateways that ignore the header
 * (the real OpenClaw) are simply not proven.
 */
export const GATEWAY_NONCE_HEADER = 'x-openclaw-gateway-nonce';

/** `connect.challenge.gatewayProof`: the gateway's public key and its signature. */
export interface GatewayProof {
  /** Unpadded base64url of the raw Ed25519 public key. */
  publicKey: string;
  /** Ed25519 signature (base64url) of `gatewayProofPayload(clientNonce, challenge.nonce)`. */
  signature: string;
}

// 32 random bytes in base64url is 43 characters; anything outside this range is not ours.
const NONCE = /^[A-Za-z0-9_-]{22,128}$/;

/** A fresh node nonce for `GATEWAY_NONCE_HEADER` (32 random bytes, base64url). */
export const newGatewayNonce = (): string => randomBytes(32).toString('base64url');

/** The header's nonce when well formed (22-128 base64url characters), else undefined. */
export function readGatewayNonce(header: string | undefined): string | undefined {
  return typeof header === 'string' && NONCE.test(header) ? header : undefined;
}

// The challenge nonce is bound in too, so a proof is good for one connection only.
const payload = (clientNonce: string, challengeNonce: string) => `openclaw-gateway-proof.v1|${clientNonce}|${challengeNonce}`;

/** The gateway's proof of `identity` for a node's nonce on the connection whose challenge is `challengeNonce`. */
export function signGatewayProof(identity: DeviceIdentity, clientNonce: string, challengeNonce: string): GatewayProof {
  return { publicKey: identity.publicKey, signature: signDevicePayload(identity, payload(clientNonce, challengeNonce)) };
}

/**
 * The proven gateway id (hex SHA-256 of its public key, as device ids are) when `proof` is a
 * valid signature over our `clientNonce` and the challenge nonce; undefined for anything else
 * (no proof, malformed, wrong key or nonce). Never throws.
 */
export function verifyGatewayProof(proof: unknown, clientNonce: string, challengeNonce: string): string | undefined {
  const p = proof as Partial<GatewayProof> | null | undefined;
  if (!p || typeof p !== 'object' || typeof p.publicKey !== 'string' || typeof p.signature !== 'string' || p.publicKey.length > 1024) return undefined;
  return verifyDeviceSignature(p.publicKey, payload(clientNonce, challengeNonce), p.signature) ? deviceIdFromPublicKey(p.publicKey) : undefined;
}
