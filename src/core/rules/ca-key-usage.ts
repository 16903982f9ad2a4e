import { describeCert, issuingIndices, type Rule } from "../rule.js";

export const caKeyUsage: Rule = {
  id: "ca.key-usage",
  severity: "error",
  description: "An issuing certificate has a key usage extension without keyCertSign.",
  source: "RFC 5280 §4.2.1.3 and §6.1.4 (n)",
  check(ctx) {
    return issuingIndices(ctx)
      .filter((i) => {
        const ku = ctx.entries[i].cert.keyUsage;
        return ku !== undefined && !ku.includes("keyCertSign");
      })
      .map((i) => ({
        id: this.id,
        severity: "error" as const,
        message: `${describeCert(ctx, i)} signed another certificate of the chain, but its key usage (${ctx.entries[i].cert.keyUsage?.join(", ") || "none"}) lacks keyCertSign.`,
        certificate: i,
        hint: "Use the CA's published intermediate/root certificate; this one may not sign certificates.",
      }));
  },
};
