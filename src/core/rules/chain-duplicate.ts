import { duplicateFinding } from "../findings/chain.js";
import { certAt, type Rule } from "./rule.js";

export const chainDuplicate: Rule = {
  ids: ["chain.duplicate"],
  check(ctx) {
    return [...ctx.chain.duplicates].map(([dup, first]) => duplicateFinding(certAt(ctx, dup), first));
  },
};
