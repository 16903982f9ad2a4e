import { createPublicKey, type KeyObject } from "node:crypto";

// A P-256, P-384 or P-521 SubjectPublicKeyInfo exactly as RFC 5480 encodes it, up to the point's coordinates:
// SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve }, BIT STRING { no unused bits, 04 (uncompressed) } }.
const NAMED_EC = [
  { crv: "P-256", size: 32, prefix: Buffer.from("3059301306072a8648ce3d020106082a8648ce3d03010703420004", "hex") },
  { crv: "P-384", size: 48, prefix: Buffer.from("3076301006072a8648ce3d020106052b8104002203620004", "hex") },
  { crv: "P-521", size: 66, prefix: Buffer.from("30819b301006072a8648ce3d020106052b810400230381860004", "hex") },
];

/**
 * The key of a SubjectPublicKeyInfo, as createPublicKey reads its DER. A named-curve EC key in exactly the
 * encoding above goes in as a JWK of the same point instead: OpenSSL then builds it without running its DER
 * decoder chain, which cost a cold `check` ~1M instructions (callgrind). It is the same key, or the same
 * refusal: both routes refuse a coordinate out of range and a point off the curve, and these curves (of
 * prime order) have no other invalid point. Any other encoding, or any other key, takes the DER route.
 */
export function publicKeyOf(spki: Buffer): KeyObject {
  const jwk = namedCurvePoint(spki);
  return jwk
    ? createPublicKey({ key: jwk, format: "jwk" })
    : createPublicKey({ key: spki, format: "der", type: "spki" });
}

/** The JWK of a key in exactly one of the encodings above; undefined for any other. */
export function namedCurvePoint(spki: Buffer): { kty: "EC"; crv: string; x: string; y: string } | undefined {
  for (const { crv, size, prefix } of NAMED_EC) {
    if (spki.length !== prefix.length + 2 * size || !spki.subarray(0, prefix.length).equals(prefix)) continue;
    const x = spki.subarray(prefix.length, prefix.length + size);
    const y = spki.subarray(prefix.length + size);
    return { kty: "EC", crv, x: x.toString("base64url"), y: y.toString("base64url") };
  }
  return undefined;
}
