import { verify } from "node:crypto";
import { signatureHash } from "./algorithms.js";
import type { Certificate } from "./certificate.js";
import { toHex } from "./der.js";
import { namesMatch } from "./names.js";
import { signatureCost, spendSignatureWork, verifiableKey } from "./signature-work.js";

/**
 * Whether `issuer`'s key made the signature on `child`. Never throws. Common algorithms are verified
 * straight from the DER (no per-certificate X509Certificate object); the rest go through OpenSSL.
 */
export function signedBy(child: Certificate, issuer: Certificate): boolean {
  return checkSignature(child, issuer) === true;
}

/**
 * signedBy, or undefined when the input's signature-work budget is spent and the signature was not
 * checked (an answer that must not be remembered). A key OpenSSL or BoringSSL would refuse (an RSA
 * exponent over 33 bits, a modulus over 16384 bits) signs nothing, and costs nothing to refuse.
 */
export function checkSignature(child: Certificate, issuer: Certificate, known?: boolean): boolean | undefined {
  if (!verifiableKey(issuer)) return false;
  if (!spendSignatureWork(signatureCost(issuer))) return undefined;
  // Worked out ahead on the second thread (signature-worker.ts): the same OpenSSL call, its answer taken at the same
  // point, after the same budget, as if made here.
  if (known !== undefined) return known;
  try {
    const hash = signatureHash(child.signatureAlgorithm.oid);
    if (hash === undefined) return child.native.verify(issuer.native.publicKey);
    return verify(hash, child.tbsDer, issuer.publicKey, child.signatureValue);
  } catch {
    return false;
  }
}

/** The dearest signature worth working out ahead of its bundle's turn: one ECDSA or RSA-4096 check. */
const AHEAD_MAX_COST = 4;

/**
 * The hash checkSignature(child, issuer) would hand verify(), for that very call to be made on another thread
 * (signature-worker.ts) with the issuer's key made from the same DER: only signatures verify() checks from the
 * raw bytes, with a key OpenSSL accepts and loads, cheaply. Undefined when the check is left to the bundle's turn.
 */
export function signatureCall(child: Certificate, issuer: Certificate): { hash: string | null } | undefined {
  if (!verifiableKey(issuer) || signatureCost(issuer) > AHEAD_MAX_COST) return undefined;
  const hash = signatureHash(child.signatureAlgorithm.oid);
  if (hash === undefined) return undefined;
  try {
    issuer.publicKey;
    return { hash };
  } catch {
    // A key the call refuses outright: the bundle's turn finds out for itself.
    return undefined;
  }
}

/** Subject and issuer are the same name (RFC 5280 §6.1: "self-issued"), compared as §7.1 says. */
export function isSelfIssued(cert: Certificate): boolean {
  return namesMatch(cert.subjectDer, cert.issuerDer);
}

/** Names match and the certificate's own key verifies its signature. */
export function isSelfSigned(cert: Certificate): boolean {
  return isSelfIssued(cert) && signedBy(cert, cert);
}

/**
 * The child's authority key identifier fits `issuer` (RFC 5280 §4.2.1.1): key identifiers agree where both
 * exist, and, as OpenSSL's X509_check_akid requires, a serial and issuer name it gives are the issuer's.
 */
export function akiMatches(child: Certificate, issuer: Certificate): boolean {
  if (child.authorityKeyId && issuer.subjectKeyId && child.authorityKeyId !== issuer.subjectKeyId) return false;
  if (child.authorityCertSerial !== undefined && child.authorityCertSerial !== toHex(issuer.serialBytes)) return false;
  return !child.authorityCertIssuer || namesMatch(child.authorityCertIssuer, issuer.issuerDer);
}

/** `issuer` issued `child`: names chain, the authority key identifier fits, and its key signed. */
export function issuedBy(child: Certificate, issuer: Certificate): boolean {
  if (!namesMatch(issuer.subjectDer, child.issuerDer)) return false;
  if (!akiMatches(child, issuer)) return false;
  return signedBy(child, issuer);
}
