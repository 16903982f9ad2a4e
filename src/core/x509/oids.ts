// The object identifiers the tool reads or writes, by name: one table, so no file spells an OID itself.

/** Certificate extensions (RFC 5280 §4.2). */
export const OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  crlDistributionPoints: "2.5.29.31",
  subjectAltName: "2.5.29.17",
  nameConstraints: "2.5.29.30",
  certificatePolicies: "2.5.29.32",
  policyConstraints: "2.5.29.36",
  inhibitAnyPolicy: "2.5.29.54",
  policyMappings: "2.5.29.33",
  /** Netscape certificate type: OpenSSL still honours it in its sslclient/sslserver purposes (v3_purp.c) */
  nsCertType: "2.16.840.1.113730.1.1",
} as const;

/** Access methods of the Authority Information Access extension (RFC 5280 §4.2.2.1). */
export const AIA = {
  ocsp: "1.3.6.1.5.5.7.48.1",
  caIssuers: "1.3.6.1.5.5.7.48.2",
} as const;

/** OCSP (RFC 6960 §4.1.1, §4.2.1, §4.4.1) and the SHA-1 its CertID hashes with. */
export const OCSP_OID = {
  basicResponse: "1.3.6.1.5.5.7.48.1.1",
  nonce: "1.3.6.1.5.5.7.48.1.2",
  sha1: "1.3.14.3.2.26",
} as const;

/** SubjectPublicKeyInfo algorithms (RFC 3279 §2.3, RFC 5480 §2.1.1, RFC 8410 §3). */
export const KEY_ALGORITHM = {
  rsaEncryption: "1.2.840.113549.1.1.1",
  dsa: "1.2.840.10040.4.1",
  ecPublicKey: "1.2.840.10045.2.1",
  ed25519: "1.3.101.112",
  ed448: "1.3.101.113",
} as const;

/** Extended key usage purposes (RFC 5280 §4.2.1.12) under the names people search for. */
export const EKU = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  ocspSigning: "1.3.6.1.5.5.7.3.9",
  any: "2.5.29.37.0",
} as const;

const EKU_NAMES = new Map<string, string>(Object.entries(EKU).map(([k, v]) => [v, k]));

export function ekuName(oid: string): string {
  return EKU_NAMES.get(oid) ?? oid;
}
