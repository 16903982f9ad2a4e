import { analyzeChain } from "./chain.js";
import { toPem } from "./pem.js";
import { readBundle } from "./read-bundle.js";

/** What a TLS client sends: the leaf and its intermediates, leaf first; the root stays with the server. */
export function presentedChainPem(bundle: Buffer): string {
  const { entries } = readBundle(bundle, "bundle");
  const chain = analyzeChain(entries);
  return chain.path
    .filter((i) => !chain.selfSigned.has(i) || i === chain.path[0])
    .map((i) => toPem(entries[i].cert.der))
    .join("");
}
