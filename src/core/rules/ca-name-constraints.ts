import type { Finding } from "../finding.js";
import { NameConstraintError, namesOf, parseNameConstraints, violation } from "../name-constraints.js";
import { describeCert, type Rule, type RuleContext } from "../rule.js";

const NAME_CONSTRAINTS = "2.5.29.30";
const ID = "ca.name-constraints";

function finding(ctx: RuleContext, ca: number, what: string, certificate = ca): Finding {
  return {
    id: ID,
    severity: "error",
    message: `${describeCert(ctx, ca)} ${what}.`,
    certificate,
    hint: "The CA may only issue for the names its constraints allow; get a certificate for a permitted name, or the CA's unconstrained chain.",
  };
}

export const caNameConstraints: Rule = {
  id: ID,
  severity: "error",
  description:
    "A CA's name constraints exclude, or do not permit, a name of a certificate below it (or cannot be evaluated).",
  source: "RFC 5280 §4.2.1.10 and §6.1.4 (g)",
  check(ctx) {
    const { path } = ctx.chain;
    const out: Finding[] = [];
    for (let p = 1; p < path.length; p++) {
      const ext = ctx.entries[path[p]].cert.extensions.find((e) => e.oid === NAME_CONSTRAINTS);
      if (!ext) continue;
      let nc: ReturnType<typeof parseNameConstraints>;
      try {
        nc = parseNameConstraints(ext.value);
      } catch (err) {
        const why = err instanceof NameConstraintError ? err.message : "unreadable";
        out.push(
          finding(
            ctx,
            path[p],
            `has name constraints that cannot be evaluated (${why}), so nothing it issued can be trusted`,
          ),
        );
        continue;
      }
      for (let q = 0; q < p; q++) {
        const child = ctx.entries[path[q]].cert;
        // RFC 5280 §6.1.3 (b): self-issued intermediates are not subject to name constraints.
        if (q > 0 && child.subjectDer.equals(child.issuerDer)) continue;
        const why = violation(namesOf(child), nc);
        if (why)
          out.push(finding(ctx, path[p], `constrains names, and for ${describeCert(ctx, path[q])} ${why}`, path[q]));
      }
    }
    return out;
  },
};
