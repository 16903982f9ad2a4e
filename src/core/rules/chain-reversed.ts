import type { Rule } from "../rule.js";
import { describeCert } from "../rule.js";

export const chainReversed: Rule = {
  id: "chain.reversed",
  severity: "error",
  description: "The bundle is the valid path in exactly reverse order (root first).",
  source: "ConnectPay security page: chains in reversed order are rejected",
  check(ctx) {
    if (ctx.chain.order !== "reversed") return [];
    const leaf = ctx.chain.path[0];
    return [
      {
        id: this.id,
        severity: "error",
        message: `The chain is in reverse order: it starts with the root and ends with the leaf, ${describeCert(ctx, leaf)}. ConnectPay wants leaf first, then intermediate(s), then root.`,
        certificate: leaf,
        hint: "Reorder it: `connectpay-cert fix FILE -o fixed.pem`.",
      },
    ];
  },
};
