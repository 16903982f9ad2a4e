import { finding } from "../findings/finding.js";
import { describeCert, issuingIndices, type Rule } from "./rule.js";

export const caKeyUsage: Rule = {
  ids: ["ca.key-usage"],
  check(ctx) {
    return issuingIndices(ctx)
      .filter((i) => {
        const ku = ctx.entries[i].cert.keyUsage;
        return ku !== undefined && !ku.includes("keyCertSign");
      })
      .map((i) =>
        finding("ca.key-usage", {
          message: `${describeCert(ctx, i)} signed another certificate of the chain, but its key usage (${ctx.entries[i].cert.keyUsage?.join(", ") || "none"}) lacks keyCertSign.`,
          certificate: i,
          hint: "Use the CA's published intermediate/root certificate; this one may not sign certificates.",
        }),
      );
  },
};
