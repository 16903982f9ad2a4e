import { finding } from "../findings/finding.js";
import { leafOf } from "../x509/end-entity.js";
import { describeCert, type Rule } from "./rule.js";

export const chainNoIntermediate: Rule = {
  ids: ["chain.no-intermediate"],
  check(ctx) {
    const { path, complete } = ctx.chain;
    // Without a leaf (chain.no-leaf) the two certificates are intermediate and root, not leaf and root.
    if (!complete || path.length !== 2 || leafOf(ctx.entries, ctx.chain) === undefined) return [];
    return [
      finding("chain.no-intermediate", {
        message: `The root, ${describeCert(ctx, path[1])}, signed the leaf directly: there is no intermediate. ConnectPay's page asks for leaf, intermediate and root; a public CA always issues from an intermediate.`,
        certificate: path[1],
        hint: "If your CA has an intermediate, add it between the leaf and the root; with a self-made CA, ask ConnectPay whether a two-certificate chain is accepted.",
      }),
    ];
  },
};
