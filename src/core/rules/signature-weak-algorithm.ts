import { describeCert, type Rule } from "../rule.js";
import { WEAK_SIGNATURE_OIDS } from "../x509/algorithms.js";

export const signatureWeakAlgorithm: Rule = {
  id: "signature.weak-algorithm",
  severity: "error",
  description: "An MD5 or SHA-1 signature on any certificate below the root.",
  source: "CA/Browser Forum Baseline Requirements §7.1.3.2; RFC 6151 (MD5), SHAttered (SHA-1)",
  check(ctx) {
    // A root's self-signature is never checked by validators, so its algorithm does not matter.
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && !ctx.chain.selfSigned.has(e.index))
      .filter((e) => WEAK_SIGNATURE_OIDS.has(e.cert.signatureAlgorithm.oid))
      .map((e) => ({
        id: this.id,
        severity: "error" as const,
        message: `${describeCert(ctx, e.index)} is signed with ${e.cert.signatureAlgorithm.name}, which is broken and refused by current TLS stacks.`,
        certificate: e.index,
        hint: "Have the CA reissue it with SHA-256 or better.",
      }));
  },
};
