import { finding } from "../findings/finding.js";
import { leafOf } from "../x509/end-entity.js";
import { describeCert, type Rule } from "./rule.js";

export const leafIsCa: Rule = {
  ids: ["leaf.is-ca"],
  check(ctx) {
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined || !ctx.entries[leaf].cert.basicConstraints?.ca) return [];
    return [
      finding("leaf.is-ca", {
        message: `The leaf, ${describeCert(ctx, leaf)}, is a CA certificate (CA:TRUE). A client certificate should not be a CA; if this is your CA, the client certificate itself is missing from the file.`,
        certificate: leaf,
        hint: "Put the client (end-entity) certificate first, or issue one from this CA.",
      }),
    ];
  },
};
