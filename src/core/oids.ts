// Signature algorithm OIDs (RFC 3279, RFC 4055, RFC 5758, RFC 8410) and the EKU names people search for.

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.113549.1.1.10": "rsassaPss",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.2.840.10040.4.3": "dsa-with-SHA1",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
};

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
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}

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
