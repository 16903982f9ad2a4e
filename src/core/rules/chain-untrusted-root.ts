import { untrustedRootFinding } from "../findings/chain.js";
import { finding } from "../findings/finding.js";
import { certLabel } from "../x509/certificate.js";
import { certAt, type Rule, type RuleContext } from "./rule.js";

/** An anchor read only in part (a fatal DER defect): OpenSSL loads it but will not build a path through it. */
function unusableAnchor(ctx: RuleContext) {
  const anchor = ctx.trust?.anchor ?? ctx.trust?.anchorAbove;
  const defect = anchor?.defects.find((d) => d.fatal);
  if (!anchor || !defect) return undefined;
  return finding("chain.untrusted-root", {
    message: `The chain ends at the --trust root ${certLabel(anchor)}, whose ${defect.field} is malformed (${defect.problem}): OpenSSL will not use it as a trust anchor.`,
    hint: "Use a well-formed copy of the root; a root with a broken extension cannot anchor a chain.",
  });
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
