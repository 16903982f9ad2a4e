import { finding } from "../findings/finding.js";
import { isSelfIssued } from "../x509/signature.js";
import { describeCert, type Rule } from "./rule.js";

export const caPathLength: Rule = {
  ids: ["ca.path-length"],
  check(ctx) {
    const { path } = ctx.chain;
    const out = [];
    for (let pos = 1; pos < path.length; pos++) {
      const limit = ctx.entries[path[pos]].cert.basicConstraints?.pathLength;
      if (limit === undefined) continue;
      // Non-self-issued intermediates between this CA and the leaf (the leaf itself does not count).
      const below = path.slice(1, pos).filter((i) => !isSelfIssued(ctx.entries[i].cert)).length;
      if (below > limit)
        out.push(
          finding("ca.path-length", {
            message: `${describeCert(ctx, path[pos])} allows ${limit} intermediate CA(s) below it (pathLenConstraint ${limit}), but the chain has ${below}.`,
            certificate: path[pos],
            hint: "The chain uses a CA beyond what its issuer allows; get the chain your CA publishes for this certificate.",
          }),
        );
    }
    return out;
  },
};
