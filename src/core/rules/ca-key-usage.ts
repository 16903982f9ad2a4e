import { caKeyUsageFinding } from "../findings/ca.js";
import { certAt, issuingIndices, type Rule } from "./rule.js";

export const caKeyUsage: Rule = {
  ids: ["ca.key-usage"],
  check(ctx) {
    return issuingIndices(ctx)
      .filter((i) => {
        const ku = ctx.entries[i].cert.keyUsage;
        return ku !== undefined && !ku.includes("keyCertSign");
      })
      .map((i) => caKeyUsageFinding(certAt(ctx, i), ctx.entries[i].cert.keyUsage ?? []));
  },
};
