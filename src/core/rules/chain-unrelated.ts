import { unrelatedFinding } from "../findings/chain.js";
import { otherLeaves } from "../x509/end-entity.js";
import { certAt, type Rule } from "./rule.js";

export const chainUnrelated: Rule = {
  ids: ["chain.unrelated"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    // A second end-entity certificate is chain.multiple-leaves: it may well share the leaf's issuer.
    const leaves = new Set(otherLeaves(ctx.entries, ctx.chain));
    return ctx.chain.unrelated
      .filter((i) => !leaves.has(i))
      .map((i) => unrelatedFinding(certAt(ctx, i), leaf === undefined ? undefined : certAt(ctx, leaf)));
  },
};
