import { revokedFinding, unavailableFinding, unknownFinding } from "../findings/revocation.js";
import { type Certificate, certLabel } from "../x509/certificate.js";
import { type FetchedAnswer, type Judged, refusedWhy } from "./answer.js";
import { OcspError, type OcspQuery, readOcspResponse } from "./ocsp.js";
import type { ChainLink } from "./plan.js";
import { answered, unanswered } from "./status.js";

export interface OcspItem {
  link: ChainLink;
  issuer: Certificate;
  query: OcspQuery;
  url: string;
}

/** What an OCSP answer (RFC 6960) means for one certificate at `at`. */
export function judgeOcsp({ link, issuer, query, url }: OcspItem, answer: FetchedAnswer, at: Date): Judged {
  const { cert, index } = link;
  try {
    if (!answer.ok) throw new Error(answer.message);
    const status = readOcspResponse(answer.body, cert, issuer, query, at);
    const detail = `${certLabel(cert)}: OCSP ${status.status} (${url})`;
    const evidence = answered(index, status.status, "ocsp", url, status);
    if (status.status === "revoked")
      return { detail, finding: revokedFinding(cert, index, status.revokedAt, status.reason), status: evidence };
    if (status.status === "unknown") return { detail, finding: unknownFinding(cert, index, url), status: evidence };
    return { detail, status: evidence };
  } catch (err) {
    const why =
      refusedWhy(answer) ??
      (err instanceof OcspError ? err.message : `${url} did not answer usably (${(err as Error).message})`);
    return {
      detail: `${certLabel(cert)}: OCSP unavailable (${why})`,
      finding: unavailableFinding(cert, why, index),
      status: unanswered(index, "unavailable", why),
    };
  }
}
