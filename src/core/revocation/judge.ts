import type { Finding } from "../findings/finding.js";
import { unavailableFinding } from "../findings/revocation.js";
import { certLabel } from "../x509/certificate.js";
import type { FetchedAnswer, Judged } from "./answer.js";
import { judgeCrl, judgeCrlSet } from "./judge-crl.js";
import { judgeOcsp } from "./judge-ocsp.js";
import type { RevocationItem } from "./plan.js";
import { type CertRevocation, unanswered } from "./status.js";

export interface RevocationResult {
  findings: Finding[];
  /** one line per certificate checked, for probe's step detail and --verbose */
  details: string[];
  /** how many certificates had an OCSP responder or CRL to ask: 0 means nothing was checked */
  checked: number;
  /** each planned certificate's status, as data (check --json shows it under the certificate) */
  statuses: CertRevocation[];
}

/**
 * The findings for a planned revocation check, given what the network answered: `answers[i]` answers
 * `items[i].question` (undefined where there was nothing to ask).
 */
export function judgeRevocation(
  items: RevocationItem[],
  answers: (FetchedAnswer | undefined)[],
  at: Date,
): RevocationResult {
  const out: RevocationResult = { findings: [], details: [], checked: 0, statuses: [] };
  for (const [i, item] of items.entries()) {
    const judged = judgeItem(item, answers[i], at);
    if (item.kind === "ocsp" || item.kind === "crl" || item.kind === "crl-set") out.checked++;
    if (judged.detail) out.details.push(judged.detail);
    if (judged.finding) out.findings.push(judged.finding);
    if (judged.status) out.statuses.push(judged.status);
  }
  return out;
}

const NO_ANSWER: FetchedAnswer = { ok: false, message: "it was not asked" };

function judgeItem(item: RevocationItem, answer: FetchedAnswer | undefined, at: Date): Judged {
  const { cert, index } = item.link;
  const why = (text: string) => ({
    finding: unavailableFinding(cert, text, index),
    status: unanswered(index, "unavailable", text),
  });
  switch (item.kind) {
    case "no-issuer":
      return why("its issuer is not in the file");
    case "not-checked":
      return {
        detail: `${certLabel(cert)}: no OCSP URL or CRL distribution point; not checked`,
        status: unanswered(index, "not-checked", "no OCSP URL, CRL distribution point or CRL given for it"),
      };
    case "no-url":
      return {
        detail: `${certLabel(cert)}: no OCSP URL or CRL distribution point`,
        ...why("it names neither an OCSP responder nor a CRL distribution point"),
      };
    case "no-crl":
      return {
        detail: `${certLabel(cert)}: no CRL from its issuer among the --crl-file files`,
        ...why("no CRL from its issuer is among the --crl-file files and it was not checked online"),
      };
    case "crl-set":
      return judgeCrlSet(item.link, item.offline, item.validated, at);
    case "ocsp":
      return judgeOcsp({ ...item, url: item.question.url }, answer ?? NO_ANSWER, at);
    case "crl":
      return judgeCrl({ ...item, url: item.question.url }, answer ?? NO_ANSWER, at);
  }
}
