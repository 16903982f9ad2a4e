import type { Finding } from "../findings/finding.js";
import { unavailableFinding } from "../findings/revocation.js";
import { certLabel } from "../x509/certificate.js";
import type { FetchedAnswer, Judged } from "./answer.js";
import { judgeCrl } from "./judge-crl.js";
import { judgeOcsp } from "./judge-ocsp.js";
import type { RevocationItem } from "./plan.js";

export interface RevocationResult {
  findings: Finding[];
  /** one line per certificate checked, for probe's step detail and --verbose */
  details: string[];
  /** how many certificates had an OCSP responder or CRL to ask: 0 means nothing was checked */
  checked: number;
}

/**
 * The findings for a planned revocation check, given what the network answered: `answers[i]` answers
 * `items[i].question` (undefined where there was nothing to ask).
 */
export async function judgeRevocation(
  items: RevocationItem[],
  answers: (FetchedAnswer | undefined)[],
  at: Date,
): Promise<RevocationResult> {
  const out: RevocationResult = { findings: [], details: [], checked: 0 };
  for (const [i, item] of items.entries()) {
    const judged = await judgeItem(item, answers[i], at);
    if (item.kind === "ocsp" || item.kind === "crl") out.checked++;
    if (judged.detail) out.details.push(judged.detail);
    if (judged.finding) out.findings.push(judged.finding);
  }
  return out;
}

const NO_ANSWER: FetchedAnswer = { ok: false, message: "it was not asked" };

function judgeItem(item: RevocationItem, answer: FetchedAnswer | undefined, at: Date): Judged | Promise<Judged> {
  const { cert, index } = item.link;
  switch (item.kind) {
    case "no-issuer":
      return { finding: unavailableFinding(cert, "its issuer is not in the file", index) };
    case "not-checked":
      return { detail: `${certLabel(cert)}: no OCSP URL or CRL distribution point; not checked` };
    case "no-url":
      return {
        detail: `${certLabel(cert)}: no OCSP URL or CRL distribution point`,
        finding: unavailableFinding(cert, "it names neither an OCSP responder nor a CRL distribution point", index),
      };
    case "ocsp":
      return judgeOcsp({ ...item, url: item.question.url }, answer ?? NO_ANSWER, at);
    case "crl":
      return judgeCrl({ ...item, url: item.question.url }, answer ?? NO_ANSWER, at);
  }
}
