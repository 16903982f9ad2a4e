import { finding } from "../findings/finding.js";
import { otherLeaves } from "../x509/end-entity.js";
import { describeCert, type Rule } from "./rule.js";

export const chainUnrelated: Rule = {
  ids: ["chain.unrelated"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    // A second end-entity certificate is chain.multiple-leaves: it may well share the leaf's issuer.
    const leaves = new Set(otherLeaves(ctx.entries, ctx.chain));
    return ctx.chain.unrelated
      .filter((i) => !leaves.has(i))
      .map((i) =>
        finding("chain.unrelated", {
          message: `${describeCert(ctx, i)} is not on the path of the leaf${leaf === undefined ? "" : `, ${describeCert(ctx, leaf)}`}: it neither issued nor was issued by a certificate of that chain.`,
          certificate: i,
          hint: "Remove it (`connectpay-cert fix` drops unrelated certificates), or check that you picked the right leaf.",
        }),
      );
  },
};
