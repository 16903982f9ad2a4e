import type { BundleEntry } from "../input/read-bundle.js";
import type { ChainAnalysis } from "./chain.js";

/** One path on one line: `leaf → Issuing CA → New Root R1 (cross-signed by Old Root) → Old Root (self-signed)`. */
export function pathLine(entries: BundleEntry[], chain: ChainAnalysis, path: number[]): string {
  const names = path.map((i, pos) => {
    const cert = entries[i].cert;
    const name = cert.subjectCN ?? cert.subject;
    if (chain.selfSigned.has(i)) return `${name} (self-signed)`;
    if (!chain.crossSigned.has(i)) return name;
    const above = pos === path.length - 1 ? ", not in the file" : "";
    return `${name} (cross-signed by ${cert.issuerCN ?? cert.issuer}${above})`;
  });
  return names.join(" → ");
}
