import { untrustedRootFinding, unusableAnchorFinding } from "../findings/chain.js";
import { certLabel } from "../x509/certificate.js";
import { certAt, type Rule, type RuleContext } from "./rule.js";

/** An anchor read only in part (a fatal DER defect): OpenSSL loads it but will not build a path through it. */
function unusableAnchor(ctx: RuleContext) {
  const anchor = ctx.trust?.anchor ?? ctx.trust?.anchorAbove;
  const defect = anchor?.defects.find((d) => d.fatal);
  if (!anchor || !defect) return undefined;
  return unusableAnchorFinding(certLabel(anchor), defect.field, defect.problem);
}

export const chainUntrustedRoot: Rule = {
  ids: ["chain.untrusted-root"],
  check(ctx) {
    const broken = unusableAnchor(ctx);
    if (broken) return [broken];
    const top = ctx.chain.path.at(-1);
    if (!ctx.trust || ctx.trust.endsAtAnchor || !ctx.chain.complete || top === undefined) return [];
    return [untrustedRootFinding(certAt(ctx, top))];
  },
};
