/**
 * @module
 * SHA-256 certificate fingerprints as people write them (`AB:CD:…` or 64 plain hex digits, any
 * case) and as they are compared. No I/O: config validation uses it without the RPC layer.
 */

/** A SHA-256 certificate fingerprint as lowercase hex without separators, for comparing. */
export const normalizeFingerprint = (f: string): string => f.replace(/[^0-9a-f]/gi, '').toLowerCase();

/** A fingerprint as people read it and `--tls-fingerprint` takes it: `AB:CD:…` (32 pairs). */
export const formatFingerprint = (f: string): string => (normalizeFingerprint(f).match(/../g) ?? []).join(':').toUpperCase();

/** 64 hex digits, plain or as 32 colon-separated pairs, any case. */
export const isSha256Fingerprint = (value: string): boolean => /^(?:[0-9a-f]{64}|[0-9a-f]{2}(?::[0-9a-f]{2}){31})$/i.test(value);
