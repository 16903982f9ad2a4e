import { selfSignedFinding } from "../findings/leaf.js";
import { leafOf } from "../x509/end-entity.js";
import { certAt, type Rule } from "./rule.js";

export const leafSelfSigned: Rule = {
  ids: ["leaf.self-signed"],
  check(ctx) {
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined || !ctx.chain.selfSigned.has(leaf)) return [];
    return [selfSignedFinding(certAt(ctx, leaf))];
  },
};
