import { finding } from "../findings/finding.js";
import type { Rule } from "./rule.js";
import { describeCert } from "./rule.js";

export const chainMisordered: Rule = {
  ids: ["chain.misordered"],
  check(ctx) {
    if (ctx.chain.order !== "misordered") return [];
    const want = ctx.chain.path.map((i) => i + 1).join(" → ");
    return [
      finding("chain.misordered", {
        message: `The certificates are out of order: the path from the leaf, ${describeCert(ctx, ctx.chain.path[0])}, to the root is certificates ${want} in this file. ConnectPay wants leaf first, each issuer right after the certificate it signed.`,
        hint: "Reorder it: `connectpay-cert fix FILE -o fixed.pem`.",
      }),
    ];
  },
};
