import { revokedFinding, unavailableFinding } from "../findings/revocation.js";
import { type Certificate, certLabel } from "../x509/certificate.js";
import type { FetchedAnswer, Judged } from "./answer.js";
import { refusedWhy } from "./answer.js";
import { CRL_REASONS, CrlError, parseCrl } from "./crl.js";
import { type CrlSet, type CrlVerdict, crlStatus } from "./crl-status.js";
import type { ChainLink, OfflineCrls } from "./plan.js";
import { answered, unanswered } from "./status.js";

export interface CrlItem {
  link: ChainLink;
  url: string;
  validated: Certificate[];
}

/** A CRL fetched from the certificate's distribution point, judged as RFC 5280 §6.3 says. */
export function judgeCrl({ link, url, validated }: CrlItem, answer: FetchedAnswer, at: Date): Judged {
  const { cert, index } = link;
  let why: string;
  try {
    if (!answer.ok) throw new Error(answer.message);
    const crl = parseCrl(answer.body);
    return crlJudged(link, crlStatus(cert, { crls: [{ crl, origin: url }], validated, offered: [], at }));
  } catch (err) {
    if (!(err instanceof CrlError) && answer.ok) throw err;
    why = refusedWhy(answer) ?? `the CRL at ${url} is unusable: ${(err as Error).message}`;
  }
  return {
    detail: `${certLabel(cert)}: CRL unavailable (${why})`,
    finding: unavailableFinding(cert, why, index),
    status: unanswered(index, "unavailable", why),
  };
}

/** The CRLs handed in with --crl-file, judged together (delta CRLs on their base, several scopes). */
export function judgeCrlSet(link: ChainLink, offline: OfflineCrls, validated: Certificate[], at: Date): Judged {
  const set: CrlSet = { crls: offline.crls, validated, offered: offline.signers, at };
  return crlJudged(link, crlStatus(link.cert, set));
}

function crlJudged({ cert, index }: ChainLink, verdict: CrlVerdict): Judged {
  if (verdict.status === "undetermined") {
    const why = `the CRLs are unusable for it: ${verdict.why}`;
    return {
      detail: `${certLabel(cert)}: CRL unavailable (${verdict.why})`,
      finding: unavailableFinding(cert, why, index),
      status: unanswered(index, "unavailable", verdict.why),
    };
  }
  const { crl, origin } = verdict.source;
  const times = { thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate };
  const note = crl.nextUpdate ? "" : ", CRL has no nextUpdate";
  if (verdict.status === "good") {
    const delta = verdict.delta ? ` with delta ${verdict.delta.origin}` : "";
    return {
      detail: `${certLabel(cert)}: CRL good (${origin}${delta}${note})`,
      status: answered(index, "good", "crl", origin, times),
    };
  }
  const { entry } = verdict;
  const reason = entry.reason === undefined ? undefined : CRL_REASONS[entry.reason];
  return {
    detail: `${certLabel(cert)}: CRL revoked (${origin}${note})`,
    finding: revokedFinding(cert, index, entry.revocationDate, reason),
    status: answered(index, "revoked", "crl", origin, { ...times, revokedAt: entry.revocationDate, reason }),
  };
}
