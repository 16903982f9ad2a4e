import { describeCert, type Rule } from "../rule.js";

export const chainUnrelated: Rule = {
  id: "chain.unrelated",
  severity: "error",
  description: "A certificate that is not on the leaf's path.",
  source: "ConnectPay security page: the file is exactly leaf, intermediate(s), root",
  check(ctx) {
    const leaf = ctx.chain.path[0];
    return ctx.chain.unrelated.map((i) => ({
      id: this.id,
      severity: "error" as const,
      message: `${describeCert(ctx, i)} is not on the path of the leaf${leaf === undefined ? "" : `, ${describeCert(ctx, leaf)}`}: it neither issued nor was issued by a certificate of that chain.`,
      certificate: i,
      hint: "Remove it (`connectpay-cert fix` drops unrelated certificates), or check that you picked the right leaf.",
    }));
  },
};
