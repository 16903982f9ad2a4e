import { finding } from "../finding.js";
import { describeCert, issuingIndices, type Rule } from "../rule.js";

export const caNotCa: Rule = {
  ids: ["ca.not-ca"],
  check(ctx) {
    return issuingIndices(ctx)
      .filter((i) => !ctx.entries[i].cert.basicConstraints?.ca)
      .map((i) =>
        finding("ca.not-ca", {
          message: `${describeCert(ctx, i)} signed another certificate of the chain but is not a CA (${ctx.entries[i].cert.basicConstraints ? "CA:FALSE" : "no basicConstraints extension"}). Validators refuse certificates it issued.`,
          certificate: i,
          hint: "Use the CA's real intermediate certificate; a certificate without CA:TRUE cannot issue others.",
        }),
      );
  },
};
