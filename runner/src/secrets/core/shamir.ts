// Shamir's secret sharing over GF(2^8) (AES polynomial), the scheme sops uses to split a data key across key groups.

function mult(a: number, b: number): number {
  let r = 0;
  for (let i = 7; i >= 0; i--) {
    r = ((-((b >> i) & 1) & a) ^ (-(r >> 7) & 0x1b) ^ (r + r)) & 0xff;
  }
  return r;
}

function inverse(a: number): number {
  // a^254 = a^-1 in GF(2^8).
  let b = a;
  for (let i = 0; i < 253; i++) b = mult(b, a);
  return b;
}

/**
 * Splits `secret` into `parts` shares, any `threshold` of which rebuild it. Each share is the y bytes
 * followed by its x coordinate (i + 1). `random(n)` supplies the polynomial coefficients.
 */
export function splitSecret(secret: Uint8Array, parts: number, threshold: number, random: (n: number) => Uint8Array): Uint8Array[] {
  if (threshold < 2 || threshold > parts || parts > 255) throw new Error(`shamir: need 2 <= threshold (${threshold}) <= parts (${parts}) <= 255`);
  const shares = Array.from({ length: parts }, (_, i) => {
    const s = new Uint8Array(secret.length + 1);
    s[secret.length] = i + 1;
    return s;
  });
  for (let b = 0; b < secret.length; b++) {
    const coefficients = [secret[b]!, ...random(threshold - 1)];
    for (const share of shares) {
      const x = share[secret.length]!;
      // Horner's rule, highest degree first.
      let y = 0;
      for (let c = coefficients.length - 1; c >= 0; c--) y = mult(y, x) ^ coefficients[c]!;
      share[b] = y;
    }
  }
  return shares;
}

/** Rebuilds the secret from shares (Lagrange interpolation at x = 0). */
export function combineShares(shares: readonly Uint8Array[]): Uint8Array {
  const first = shares[0];
  if (!first || shares.some((s) => s.length !== first.length) || first.length < 2) throw new Error('shamir: shares are missing or of different lengths');
  const len = first.length - 1;
  const xs = shares.map((s) => s[len]!);
  if (new Set(xs).size !== xs.length) throw new Error('shamir: duplicate share');
  const out = new Uint8Array(len);
  for (let b = 0; b < len; b++) {
    let acc = 0;
    shares.forEach((share, i) => {
      let basis = 1;
      xs.forEach((xj, j) => {
        if (j !== i) basis = mult(basis, mult(xj, inverse(xj ^ xs[i]!)));
      });
      acc ^= mult(share[b]!, basis);
    });
    out[b] = acc;
  }
  return out;
}
