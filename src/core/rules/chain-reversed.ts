import { finding } from "../findings/finding.js";
import type { Rule } from "./rule.js";
import { describeCert } from "./rule.js";

export const chainReversed: Rule = {
  ids: ["chain.reversed"],
  check(ctx) {
    if (ctx.chain.order !== "reversed") return [];
    const leaf = ctx.chain.path[0];
    return [
      finding("chain.reversed", {
        message: `The chain is in reverse order: it starts with the root and ends with the leaf, ${describeCert(ctx, leaf)}. ConnectPay wants leaf first, then intermediate(s), then root.`,
        certificate: leaf,
        hint: "Reorder it: `connectpay-cert fix FILE -o fixed.pem`.",
      }),
    ];
  },
};
