// Who may sign a CRL (RFC 5280 §6.3.3 (f), (g)): a certificate with the CRL issuer's name whose own path
// goes back to the trust anchor of the checked path, with cRLSign where it has a keyUsage. That covers the
// CA's own certificate, a certificate of the same CA for another key (a key rollover, PKITS 4.5) and a
// separate CRL-signing certificate (PKITS 4.4.19–21), handed in beside the CRLs.
import type { Certificate } from "../x509/certificate.js";
import { nameKey } from "../x509/names.js";
import { issuedBy } from "../x509/signature.js";
import { type Crl, CrlError, crlSignedBy } from "./crl.js";

export interface SignerPool {
  /** the checked path and its trust anchors: validated already */
  validated: Certificate[];
  /** certificates handed in with the CRLs: each must chain to a validated one and not be revoked */
  offered: Certificate[];
  at: Date;
  /** whether an offered certificate is not revoked (the same CRL processing, one level deeper) */
  notRevoked(cert: Certificate): boolean;
}

const MAX_DEPTH = 4;

/** The certificate whose key signed `crl`, if one is authorised to; or why none is. */
export function crlSigner(crl: Crl, pool: SignerPool): { signer?: Certificate; why?: string } {
  let why = "its signature does not verify with the key of any certificate named like its issuer";
  for (const cert of candidates(crl, pool)) {
    if (cert.keyUsage && !cert.keyUsage.includes("cRLSign")) {
      why = `its signer's key usage lacks cRLSign (RFC 5280 §4.2.1.3)`;
      continue;
    }
    let signed: boolean;
    try {
      signed = crlSignedBy(crl, cert.publicKey);
    } catch (err) {
      if (err instanceof CrlError) return { why: err.message };
      signed = false;
    }
    if (!signed) continue;
    if (pool.validated.includes(cert) || offeredIsValid(cert, pool, 0)) return { signer: cert };
    why = `the certificate that signed it does not chain to the path's trust anchor, is not valid, or is revoked`;
  }
  return { why };
}

function candidates(crl: Crl, pool: SignerPool): Certificate[] {
  const named = (c: Certificate) => nameKey(c.subjectDer) === crl.issuerKey;
  return [...pool.validated.filter(named), ...pool.offered.filter(named)];
}

/** An offered certificate: within its validity, issued by a validated or valid offered CA, and not revoked. */
function offeredIsValid(cert: Certificate, pool: SignerPool, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const t = pool.at.getTime();
  if (cert.notBefore.getTime() > t || cert.notAfter.getTime() < t) return false;
  const issuers = [...pool.validated, ...pool.offered].filter((c) => c !== cert && isCa(c) && issuedBy(cert, c));
  const chained = issuers.some((c) => pool.validated.includes(c) || offeredIsValid(c, pool, depth + 1));
  return chained && pool.notRevoked(cert);
}

const isCa = (c: Certificate) => Boolean(c.basicConstraints?.ca) && (!c.keyUsage || c.keyUsage.includes("keyCertSign"));
