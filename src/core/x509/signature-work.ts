import { LIMITS } from "../limits.js";
import type { Certificate } from "./certificate.js";

/**
 * What one signature verification costs, in verifications of an RSA-2048 signature (e = 65537): RSA
 * grows with the square of the modulus and linearly with the exponent's bits. EC and EdDSA keys have a
 * fixed cost of about that order.
 */
export function signatureCost(issuer: Certificate): number {
  const { algorithm, bits = 2048 } = issuer.key;
  if (algorithm !== "RSA" && algorithm !== "DSA") return 2;
  const exponent = Math.max(issuer.rsaExponentBits ?? 17, 17);
  return Math.ceil((bits / 2048) ** 2 * (exponent / 17));
}

/** Whether OpenSSL and BoringSSL would verify with this key at all; a key they refuse is never tried. */
export function verifiableKey(issuer: Certificate): boolean {
  if ((issuer.rsaExponentBits ?? 0) > LIMITS.maxRsaExponentBits) return false;
  return issuer.key.algorithm !== "RSA" || (issuer.key.bits ?? 0) <= LIMITS.maxRsaModulusBits;
}

interface Meter {
  left: number;
  exhausted: boolean;
}

// The budget of the input being judged. Judging one input is synchronous, so one slot is enough; outside
// a scope (fix's repair, inspect) the other bounds hold: candidates per certificate, key sizes.
let meter: Meter | undefined;

/** Takes `cost` from the current input's budget; false (and nothing taken) once it is spent. */
export function spendSignatureWork(cost: number): boolean {
  if (!meter) return true;
  if (meter.left < cost) {
    meter.exhausted = true;
    return false;
  }
  meter.left -= cost;
  return true;
}

/** Runs `judge` with a fresh signature-work budget (LIMITS.maxSignatureWork); says whether it ran out. */
export function withSignatureBudget<T>(judge: () => T): { value: T; exhausted: boolean } {
  const outer = meter;
  const mine: Meter = { left: LIMITS.maxSignatureWork, exhausted: false };
  meter = mine;
  try {
    return { value: judge(), exhausted: mine.exhausted };
  } finally {
    meter = outer;
  }
}
