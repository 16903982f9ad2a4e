import { reversedFinding } from "../findings/chain.js";
import { certAt, type Rule } from "./rule.js";

export const chainReversed: Rule = {
  ids: ["chain.reversed"],
  check(ctx) {
    if (ctx.chain.order !== "reversed") return [];
    const leaf = ctx.chain.path[0];
    return [reversedFinding(certAt(ctx, leaf))];
  },
};
