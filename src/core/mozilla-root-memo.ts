import { isMozillaRoot } from "./root-store.js";
import type { Certificate } from "./x509/certificate.js";

/**
 * Each certificate's isMozillaRoot answer, for as long as the certificate is alive. A root shared by the
 * bundles of a run is one cached Certificate (x509/cert-cache.ts), and the answer (a SHA-256 of its name
 * and key, looked up in a table) was worked out again for every bundle, by the path choice and by
 * root.not-publicly-trusted (issue 16). A Certificate is not changed once parsed, so the answer is a
 * property of the object; keyed by identity, it dies with it, like the name keys of x509/names.ts.
 */
const answers = new WeakMap<Certificate, boolean>();

export function isMozillaRootMemo(cert: Certificate): boolean {
  let answer = answers.get(cert);
  if (answer === undefined) {
    answer = isMozillaRoot(cert);
    answers.set(cert, answer);
  }
  return answer;
}
