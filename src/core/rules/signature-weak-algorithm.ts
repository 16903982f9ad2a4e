import { finding } from "../findings/finding.js";
import { WEAK_SIGNATURE_OIDS } from "../x509/algorithms.js";
import { describeCert, type Rule } from "./rule.js";

export const signatureWeakAlgorithm: Rule = {
  ids: ["signature.weak-algorithm"],
  check(ctx) {
    // A root's self-signature is never checked by validators, so its algorithm does not matter.
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && !ctx.chain.selfSigned.has(e.index))
      .filter((e) => WEAK_SIGNATURE_OIDS.has(e.cert.signatureAlgorithm.oid))
      .map((e) =>
        finding("signature.weak-algorithm", {
          message: `${describeCert(ctx, e.index)} is signed with ${e.cert.signatureAlgorithm.name}, which is broken and refused by current TLS stacks.`,
          certificate: e.index,
          hint: "Have the CA reissue it with SHA-256 or better.",
        }),
      );
  },
};
