import { buildOcspRequest, readOcspResponse } from "../core/revocation/ocsp.js";
import { type Certificate, parseCertificate } from "../core/x509/certificate.js";
import { issuedBy } from "../core/x509/signature.js";
import { firstHttpUrl } from "../core/x509/urls.js";
import { startDeadline } from "../net/deadline.js";
import { askOcsp } from "../net/ocsp-client.js";

const CACHE_MS = 60_000;

/**
 * `gateway --ocsp`: like ConnectPay's application check, ask the client certificate's OCSP responder
 * (its AIA URL) on each request. Only a definite "revoked" refuses; an unreachable responder does not.
 */
export function ocspRevocationCheck(cas: Certificate[], timeoutMs = 5000) {
  const cache = new Map<string, { revoked: boolean; until: number }>();
  return async (peerDer: Buffer, serial: string): Promise<boolean> => {
    const hit = cache.get(serial);
    if (hit && hit.until > Date.now()) return hit.revoked;
    const cert = parseCertificate(peerDer);
    const issuer = cas.find((c) => issuedBy(cert, c));
    const url = firstHttpUrl(cert.aia.ocsp);
    let revoked = false;
    if (issuer && url) {
      try {
        const query = buildOcspRequest(cert, issuer);
        // The rehearsal gateway runs on loopback with its responder beside it: private addresses are the point.
        const answer = await askOcsp(url, query.der, { deadline: startDeadline(timeoutMs), allowPrivate: true });
        revoked = answer.ok && readOcspResponse(answer.body, cert, issuer, query, new Date()).status === "revoked";
      } catch {
        revoked = false;
      }
    }
    cache.set(serial, { revoked, until: Date.now() + CACHE_MS });
    return revoked;
  };
}
