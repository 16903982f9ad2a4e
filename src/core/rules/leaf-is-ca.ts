import { leafIsCaFinding } from "../findings/leaf.js";
import { leafOf } from "../x509/end-entity.js";
import { certAt, type Rule } from "./rule.js";

export const leafIsCa: Rule = {
  ids: ["leaf.is-ca"],
  check(ctx) {
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined || !ctx.entries[leaf].cert.basicConstraints?.ca) return [];
    return [leafIsCaFinding(certAt(ctx, leaf))];
  },
};
