import { misorderedFinding } from "../findings/chain.js";
import { certAt, type Rule } from "./rule.js";

export const chainMisordered: Rule = {
  ids: ["chain.misordered"],
  check(ctx) {
    if (ctx.chain.order !== "misordered") return [];
    return [misorderedFinding(certAt(ctx, ctx.chain.path[0]), ctx.chain.path)];
  },
};
