import { weakAlgorithmFinding } from "../findings/signature.js";
import { WEAK_SIGNATURE_OIDS } from "../x509/algorithms.js";
import { certAt, type Rule } from "./rule.js";

export const signatureWeakAlgorithm: Rule = {
  ids: ["signature.weak-algorithm"],
  check(ctx) {
    // A root's self-signature is never checked by validators, so its algorithm does not matter.
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && !ctx.chain.selfSigned.has(e.index))
      .filter((e) => WEAK_SIGNATURE_OIDS.has(e.cert.signatureAlgorithm.oid))
      .map((e) => weakAlgorithmFinding(certAt(ctx, e.index), e.cert.signatureAlgorithm.name));
  },
};
