import type { RevocationQuestion } from "../core/revocation/plan.js";
import { type Deadline, startDeadline } from "./deadline.js";
import { type FetchObservation, httpFetch } from "./http-fetch.js";
import { askOcsp } from "./ocsp-client.js";

/** CRLs of large CAs run to megabytes; OCSP answers stay under askOcsp's 1 MB. */
const CRL_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRedirects: 3 };

export interface RevocationFetchOptions {
  /** each certificate's check, OCSP POST, GET fallback and redirects included */
  timeoutMs: number;
  /** one limit for every question (probe's revocation step); without it each question gets timeoutMs */
  deadline?: Deadline;
  allowPrivate?: boolean;
}

/** Asks each question in turn (undefined: nothing to ask); the answers line up with the questions. */
export async function askRevocation(
  questions: (RevocationQuestion | undefined)[],
  options: RevocationFetchOptions,
): Promise<(FetchObservation | undefined)[]> {
  const answers: (FetchObservation | undefined)[] = [];
  for (const q of questions) {
    const deadline = options.deadline ?? startDeadline(options.timeoutMs);
    const policy = { deadline, allowPrivate: options.allowPrivate };
    if (!q) answers.push(undefined);
    else if (q.kind === "ocsp") answers.push(await askOcsp(q.url, q.der, policy));
    else answers.push(await httpFetch(q.url, { limits: { timeoutMs: deadline.ms, ...CRL_LIMITS }, ...policy }));
  }
  return answers;
}
