import { pathLengthFinding } from "../findings/ca.js";
import { isSelfIssued } from "../x509/signature.js";
import { certAt, type Rule } from "./rule.js";

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
      if (below > limit) out.push(pathLengthFinding(certAt(ctx, path[pos]), limit, below));
    }
    return out;
  },
};
