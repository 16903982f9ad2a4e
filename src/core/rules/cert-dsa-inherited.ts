import { dsaInheritedFinding } from "../findings/cert.js";
import { certAt, type Rule } from "./rule.js";

/** A DSA key without its own parameters (RFC 3279 §2.3.2) is well-formed DER, but refused by policy. */
export const certDsaInherited: Rule = {
  ids: ["cert.dsa-inherited-parameters"],
  check(ctx) {
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && e.cert.key.inheritedParameters)
      .map((e) => dsaInheritedFinding(certAt(ctx, e.index)));
  },
};
