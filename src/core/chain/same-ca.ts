import type { Certificate } from "../x509/certificate.js";
import { namesMatch } from "../x509/names.js";
import { sameCa } from "./trust.js";

/**
 * Cross-signed copies among `certs`: index → index of another certificate of the same CA (same subject and
 * key, RFC 5280 §6.1: a CA is a name and a key), preferring its self-issued one. A copy is a CA certificate
 * whose issuer is not its own subject: another CA signed the same name and key, as Sectigo's USERTrust
 * root cross-signed by AAA Certificate Services, or ISRG Root X1 by DST Root CA X3.
 */
export function crossSignedCopies(certs: Certificate[]): Map<number, number> {
  const copies = new Map<number, number>();
  certs.forEach((cert, i) => {
    if (!cert.basicConstraints?.ca || namesMatch(cert.subjectDer, cert.issuerDer)) return;
    // Keys first: a byte comparison, where names are decoded to compare (RFC 5280 §7.1).
    const sameKey = certs.map((_, j) => j).filter((j) => j !== i && certs[j].spkiDer.equals(cert.spkiDer));
    const siblings = sameKey.filter((j) => sameCa(cert, certs[j]));
    if (siblings.length === 0) return;
    const selfIssued = siblings.find((j) => namesMatch(certs[j].subjectDer, certs[j].issuerDer));
    copies.set(i, selfIssued ?? siblings[0]);
  });
  return copies;
}
