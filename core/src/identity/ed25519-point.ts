// Curve constants of RFC 8032 section 5.1.
const P = 2n ** 255n - 19n;
const D = mod(-121665n * inverse(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

/**
 * Whether 32 bytes encode a point on Ed25519 that can be someone's public key: a canonical
 * encoding (RFC 8032 section 5.1.3) of a point outside the small-order subgroup. OpenSSL
 * imports any 32 bytes and, for a small-order key such as all zeros, accepts signatures
 * nobody made; such a key would let anyone speak for the device id derived from it.
 */
export function isUsableEd25519Point(raw: Uint8Array): boolean {
  if (raw.length !== 32) return false;
  const xSign = raw[31] >> 7;
  let y = 0n;
  for (let i = 31; i >= 0; i -= 1) y = (y << 8n) | BigInt(i === 31 ? raw[i] & 0x7f : raw[i]);
  if (y >= P) return false;
  const x = recoverX(y, xSign);
  if (x === undefined) return false;
  return !isSmallOrder(x, y);
}

function recoverX(y: bigint, xSign: number): bigint | undefined {
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  const v3 = mod(v * v * v);
  let x = mod(u * v3 * pow2523(mod(u * v3 * v3 * v)));
  const vx2 = mod(v * x * x);
  if (vx2 === mod(-u)) x = mod(x * SQRT_M1);
  else if (vx2 !== u) return undefined;
  if (x === 0n && xSign === 1) return undefined;
  return Number(x & 1n) === xSign ? x : P - x;
}

/** [8]P is the identity exactly for the eight points of order dividing 8. */
function isSmallOrder(x: bigint, y: bigint): boolean {
  let [X, Y, Z] = [x, y, 1n];
  for (let i = 0; i < 3; i += 1) {
    // Projective doubling on -x^2 + y^2 = 1 + d x^2 y^2 (dbl-2008-hwcd, a = -1).
    const A = mod(X * X);
    const B = mod(Y * Y);
    const C = mod(2n * Z * Z);
    const E = mod((X + Y) * (X + Y) - A - B);
    const G = mod(B - A);
    const F = mod(G - C);
    const H = mod(-A - B);
    [X, Y, Z] = [mod(E * F), mod(G * H), mod(F * G)];
  }
  return X === 0n && Y === Z;
}

function mod(a: bigint): bigint {
  const r = a % P;
  return r >= 0n ? r : r + P;
}

function pow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = mod(result * b);
    b = mod(b * b);
    e >>= 1n;
  }
  return result;
}

/**
 * z^((p-5)/8) = z^(2^252-3) by the addition chain of ref10: 254 squarings and 11
 * multiplications instead of about 500 steps of plain square-and-multiply. This runs once per
 * new key on the handshake path.
 */
function pow2523(z: bigint): bigint {
  const z2 = mod(z * z);
  const z9 = mod(square(z2, 2) * z);
  const z11 = mod(z9 * z2);
  const e5 = mod(mod(z11 * z11) * z9);
  const e10 = mod(square(e5, 5) * e5);
  const e20 = mod(square(e10, 10) * e10);
  const e40 = mod(square(e20, 20) * e20);
  const e50 = mod(square(e40, 10) * e10);
  const e100 = mod(square(e50, 50) * e50);
  const e200 = mod(square(e100, 100) * e100);
  const e250 = mod(square(e200, 50) * e50);
  return mod(square(e250, 2) * z);
}

/** z^(2^n). */
function square(z: bigint, n: number): bigint {
  let r = z;
  for (let i = 0; i < n; i += 1) r = mod(r * r);
  return r;
}

function inverse(a: bigint): bigint {
  return pow(a, P - 2n);
}
