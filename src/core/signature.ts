import { verify } from "node:crypto";
import type { Certificate } from "./certificate.js";

// Signature algorithms verified straight from the DER (no per-certificate X509Certificate object): the
// hash to use with node:crypto's verify. Anything else (RSA-PSS, DSA, …) goes through OpenSSL's X509_verify.
const HASH: Record<string, string | null> = {
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
  "1.2.840.10045.4.1": "sha1",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.113549.1.1.5": "sha1",
  "1.3.101.112": null,
};

/** Whether `issuer`'s key made the signature on `child`. Never throws. */
export function signedBy(child: Certificate, issuer: Certificate): boolean {
  try {
    const hash = HASH[child.signatureAlgorithm.oid];
    if (hash === undefined) return child.native.verify(issuer.native.publicKey);
    return verify(hash, child.tbsDer, issuer.publicKey, child.signatureValue);
  } catch {
    return false;
  }
}

/** Names match and the certificate's own key verifies its signature. */
export function isSelfSigned(cert: Certificate): boolean {
  return cert.subjectDer.equals(cert.issuerDer) && signedBy(cert, cert);
}

/** `issuer` issued `child`: names chain, key identifiers agree where both exist (RFC 5280 §4.2.1.1), and its key signed. */
export function issuedBy(child: Certificate, issuer: Certificate): boolean {
  if (!issuer.subjectDer.equals(child.issuerDer)) return false;
  if (child.authorityKeyId && issuer.subjectKeyId && child.authorityKeyId !== issuer.subjectKeyId) return false;
  return signedBy(child, issuer);
}
