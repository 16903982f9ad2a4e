// Signature algorithms (RFC 3279, RFC 4055, RFC 5758, RFC 8410) and named curves (RFC 5480 §2.1.1.1):
// their names, the hash node:crypto's verify() needs, and which are too weak to accept.

interface SignatureAlgorithm {
  name: string;
  /** hash for node:crypto's verify(); null for EdDSA (no separate hash); absent: verify through OpenSSL */
  hash?: string | null;
}

const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", hash: "sha1" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", hash: "sha256" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", hash: "sha384" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", hash: "sha512" },
  "1.2.840.113549.1.1.14": { name: "sha224WithRSAEncryption" },
  "1.2.840.113549.1.1.10": { name: "rsassaPss" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", hash: "sha1" },
  "1.2.840.10045.4.3.1": { name: "ecdsa-with-SHA224" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", hash: "sha256" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", hash: "sha384" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", hash: "sha512" },
  "1.2.840.10040.4.3": { name: "dsa-with-SHA1" },
  "1.3.101.112": { name: "Ed25519", hash: null },
  "1.3.101.113": { name: "Ed448" },
};

/** The OID of ecdsa-with-SHA256, what the rehearsal kit signs with. */
export const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

/** MD5 and SHA-1 signatures: collisions are practical, CAs stopped issuing them (CA/B BR §7.1.3). */
export const WEAK_SIGNATURE_OIDS = new Set([
  "1.2.840.113549.1.1.4",
  "1.2.840.113549.1.1.5",
  "1.2.840.10045.4.1",
  "1.2.840.10040.4.3",
  "1.2.840.113549.1.1.2",
  "1.2.840.113549.1.1.3",
]);

export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_ALGORITHMS[oid]?.name ?? oid;
}

/**
 * The hash to pass to node:crypto's verify() for a signature algorithm OID: null for EdDSA, undefined
 * when the algorithm is not verified from raw bytes (RSA-PSS, DSA, …: those go through OpenSSL's X509_verify).
 */
export function signatureHash(oid: string): string | null | undefined {
  return SIGNATURE_ALGORITHMS[oid]?.hash;
}

/** The key type a signature algorithm needs ("RSA", "EC", "DSA", "Ed25519", "Ed448"), as KeyInfo names it. */
export function signatureKeyType(oid: string): string | undefined {
  const name = SIGNATURE_ALGORITHMS[oid]?.name;
  if (!name) return undefined;
  if (/RSA|rsassa/.test(name)) return "RSA";
  if (name.startsWith("ecdsa")) return "EC";
  if (name.startsWith("dsa")) return "DSA";
  return name;
}

export interface Curve {
  name: string;
  bits: number;
}

/** Named curves by OID, with the OpenSSL name node:crypto reports for each. */
const CURVES: { oid: string; openssl: string; curve: Curve }[] = [
  { oid: "1.2.840.10045.3.1.7", openssl: "prime256v1", curve: { name: "P-256", bits: 256 } },
  { oid: "1.3.132.0.34", openssl: "secp384r1", curve: { name: "P-384", bits: 384 } },
  { oid: "1.3.132.0.35", openssl: "secp521r1", curve: { name: "P-521", bits: 521 } },
  { oid: "1.3.132.0.33", openssl: "secp224r1", curve: { name: "P-224", bits: 224 } },
  { oid: "1.2.840.10045.3.1.1", openssl: "prime192v1", curve: { name: "P-192", bits: 192 } },
  { oid: "1.3.132.0.10", openssl: "secp256k1", curve: { name: "secp256k1", bits: 256 } },
];

export function curveByOid(oid: string): Curve | undefined {
  return CURVES.find((c) => c.oid === oid)?.curve;
}

/** `namedCurve` as node:crypto's asymmetricKeyDetails spells it (OpenSSL short names). */
export function curveByOpensslName(name: string): Curve | undefined {
  return CURVES.find((c) => c.openssl === name)?.curve;
}
