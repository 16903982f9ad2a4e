import type { RevocationQuestion } from "../core/revocation/plan.js";
import { type FetchObservation, httpFetch } from "./http-fetch.js";
import { askOcsp } from "./ocsp-client.js";

/** CRLs of large CAs run to megabytes; OCSP answers stay under askOcsp's 1 MB. */
const CRL_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRedirects: 3 };

/** Asks each question in turn (undefined: nothing to ask); the answers line up with the questions. */
export async function askRevocation(
  questions: (RevocationQuestion | undefined)[],
  timeoutMs: number,
): Promise<(FetchObservation | undefined)[]> {
  const answers: (FetchObservation | undefined)[] = [];
  for (const q of questions) {
    if (!q) answers.push(undefined);
    else if (q.kind === "ocsp") answers.push(await askOcsp(q.url, q.der, timeoutMs));
    else answers.push(await httpFetch(q.url, { limits: { timeoutMs, ...CRL_LIMITS } }));
  }
  return answers;
}
