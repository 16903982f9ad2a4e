import { describeCert, issuingIndices, type Rule } from "../rule.js";

export const caNotCa: Rule = {
  id: "ca.not-ca",
  severity: "error",
  description: "An issuing certificate lacks basicConstraints CA:TRUE (a missing extension counts).",
  source: "RFC 5280 §4.2.1.9 and §6.1.4 (k)",
  check(ctx) {
    return issuingIndices(ctx)
      .filter((i) => !ctx.entries[i].cert.basicConstraints?.ca)
      .map((i) => ({
        id: this.id,
        severity: "error" as const,
        message: `${describeCert(ctx, i)} signed another certificate of the chain but is not a CA (${ctx.entries[i].cert.basicConstraints ? "CA:FALSE" : "no basicConstraints extension"}). Validators refuse certificates it issued.`,
        certificate: i,
        hint: "Use the CA's real intermediate certificate; a certificate without CA:TRUE cannot issue others.",
      }));
  },
};
