import { noIntermediateFinding } from "../findings/chain.js";
import { leafOf } from "../x509/end-entity.js";
import { certAt, type Rule } from "./rule.js";

export const chainNoIntermediate: Rule = {
  ids: ["chain.no-intermediate"],
  check(ctx) {
    const { path, complete } = ctx.chain;
    // Without a leaf (chain.no-leaf) the two certificates are intermediate and root, not leaf and root.
    if (!complete || path.length !== 2 || leafOf(ctx.entries, ctx.chain) === undefined) return [];
    return [noIntermediateFinding(certAt(ctx, path[1]))];
  },
};
