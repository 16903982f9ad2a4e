import type { BundleEntry } from "../input/read-bundle.js";
import type { Certificate } from "../x509/certificate.js";
import { namesMatch } from "../x509/names.js";
import { issuedBy } from "../x509/signature.js";
import type { ChainAnalysis } from "./chain.js";

/** How the path relates to the `--trust` anchors, when they are given. */
export interface TrustStatus {
  /** the last certificate of the path is one of the anchors (same certificate, or same name and key) */
  endsAtAnchor: boolean;
  /** the anchor the path ends at, when it does */
  anchor?: Certificate;
  /** an anchor, not in the file, issued the last certificate of the path */
  anchorAbove?: Certificate;
}

export function sameCa(a: Certificate, b: Certificate): boolean {
  return a.der.equals(b.der) || (namesMatch(a.subjectDer, b.subjectDer) && a.spkiDer.equals(b.spkiDer));
}

/** RFC 5280 §6.1: a trust anchor is a name and a key; the path must end at one (or just below one). */
export function trustStatus(entries: BundleEntry[], chain: ChainAnalysis, anchors: Certificate[]): TrustStatus {
  const top = chain.path.at(-1);
  if (top === undefined) return { endsAtAnchor: false };
  const cert = entries[top].cert;
  const anchor = anchors.find((a) => sameCa(a, cert));
  if (anchor) return { endsAtAnchor: true, anchor };
  return { endsAtAnchor: false, anchorAbove: anchors.find((a) => issuedBy(cert, a)) };
}
