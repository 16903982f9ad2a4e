import { noLeafFinding } from "../findings/chain.js";
import { leafOf } from "../x509/end-entity.js";
import { certAt, type Rule } from "./rule.js";

export const chainNoLeaf: Rule = {
  ids: ["chain.no-leaf"],
  check(ctx) {
    const first = ctx.chain.path[0];
    if (first === undefined || leafOf(ctx.entries, ctx.chain) !== undefined) return [];
    return [noLeafFinding(certAt(ctx, first))];
  },
};
