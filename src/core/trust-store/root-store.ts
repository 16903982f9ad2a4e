import { type Certificate, parseCertificate } from "../x509/certificate.js";
import { MOZILLA_ROOT_KEYS } from "./mozilla-root-keys.generated.js";
import { pemDer, rootKey } from "./root-key.js";

// Kept module-level on purpose: built once from the Mozilla store compiled into this Node binary, which
// cannot differ between two runs in one process, and nothing writes to it afterwards.
let parsed: readonly Certificate[] | undefined;

/**
 * Node's bundled Mozilla root store, parsed on first use only (it is ~150 certificates): `fix` offers them as
 * candidates to complete a chain. node:tls (and net, stream…) is loaded only here. Only the roots the table
 * knows are offered: a package built on one Node and run on another must not add a root that its own check
 * then calls "not publicly trusted".
 */
export function mozillaRoots(): Certificate[] {
  const tls = process.getBuiltinModule("node:tls");
  parsed ??= tls.rootCertificates
    .map((pem) => frozen(parseCertificate(pemDer(pem))))
    .filter((root) => isMozillaRoot(root));
  return [...parsed];
}

/** Frozen in place: shared by every run of the process, nobody may change it (its lazy views are private fields). */
function frozen(cert: Certificate): Certificate {
  Object.freeze(cert);
  return cert;
}

// Each certificate's answer, for as long as the certificate is alive: a root shared by the bundles of a run is
// one cached Certificate (x509/cert-cache.ts), asked by the path choice and by root.not-publicly-trusted for
// every bundle. A Certificate does not change once parsed; keyed by identity, the answer dies with it.
const answers = new WeakMap<Certificate, boolean>();

/** The same root as one in the Mozilla store: the same name and key (a re-issued self-signature counts). */
export function isMozillaRoot(cert: Certificate): boolean {
  let answer = answers.get(cert);
  if (answer === undefined) {
    answer = MOZILLA_ROOT_KEYS.has(rootKey(cert.subjectDer, cert.spkiDer));
    answers.set(cert, answer);
  }
  return answer;
}
