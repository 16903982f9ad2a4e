import { toPem } from "../input/pem.js";
import type { BundleEntry } from "../input/read-bundle.js";
import type { ChainAnalysis } from "./chain.js";

/** What a TLS client sends: the leaf and its intermediates, leaf first; the root stays with the server. */
export function presentedChainPem(entries: BundleEntry[], chain: ChainAnalysis): string {
  return chain.path
    .filter((i) => !chain.selfSigned.has(i) || i === chain.path[0])
    .map((i) => toPem(entries[i].cert.der))
    .join("");
}
