import { untrustedRootFinding } from "../findings/chain.js";
import { certAt, type Rule } from "./rule.js";

export const chainUntrustedRoot: Rule = {
  ids: ["chain.untrusted-root"],
  check(ctx) {
    const top = ctx.chain.path.at(-1);
    if (!ctx.trust || ctx.trust.endsAtAnchor || !ctx.chain.complete || top === undefined) return [];
    return [untrustedRootFinding(certAt(ctx, top))];
  },
};
