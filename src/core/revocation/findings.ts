import { type Finding, finding } from "../findings/finding.js";
import { type Certificate, certLabel } from "../x509/certificate.js";

export function unavailable(cert: Certificate, why: string, index: number): Finding {
  return finding("revocation.unavailable", {
    message: `Revocation of ${certLabel(cert)} could not be checked: ${why}. ConnectPay checks it with the issuer's OCSP service on every request.`,
    certificate: index,
    hint: "Make sure the CA's OCSP responder (AIA extension) is reachable; ask the CA if the certificate has no OCSP URL.",
  });
}

export function revoked(cert: Certificate, index: number, when: Date, reason?: string): Finding {
  return finding("revocation.revoked", {
    message: `${certLabel(cert)} is REVOKED since ${when.toISOString()}${reason ? ` (reason: ${reason})` : ""}. ConnectPay refuses it on every request.`,
    certificate: index,
    hint: "Get a new certificate and send the new chain to ConnectPay.",
  });
}

export function unknown(cert: Certificate, index: number, url: string): Finding {
  return finding("revocation.unknown", {
    message: `The OCSP responder ${url} does not know ${certLabel(cert)} (status unknown): often a wrong issuer in the chain or a test CA.`,
    certificate: index,
    hint: "Check that the intermediate in the file is the one that issued this certificate.",
  });
}
