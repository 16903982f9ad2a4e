import { processPolicies } from "../chain/policy.js";
import { policyFinding, policyUnreadableFinding } from "../findings/chain.js";
import { certPolicies, PolicyExtensionError } from "../x509/policies.js";
import { isSelfIssued } from "../x509/signature.js";
import { certAt, type Rule, type RuleContext } from "./rule.js";

/** The path below the trust anchor, from the top down to the leaf: the certificates §6.1 processes. */
function processed(ctx: RuleContext): number[] {
  const path = [...ctx.chain.path];
  if (ctx.chain.complete || ctx.trust?.endsAtAnchor) path.pop();
  return path.reverse();
}

export const chainPolicy: Rule = {
  ids: ["chain.policy"],
  check(ctx) {
    const order = processed(ctx);
    const certs = [];
    for (const i of order) {
      const cert = ctx.entries[i].cert;
      try {
        certs.push({ policies: certPolicies(cert), selfIssued: isSelfIssued(cert) });
      } catch (err) {
        if (!(err instanceof PolicyExtensionError)) throw err;
        return [policyUnreadableFinding(certAt(ctx, i), err.message)];
      }
    }
    const failure = processPolicies(certs);
    if (!failure) return [];
    const at = order[failure.at];
    const why =
      failure.reason === "maps-any-policy"
        ? ({ mapsAnyPolicy: true } as const)
        : { requiredBy: certAt(ctx, order[failure.requiredBy ?? failure.at]) };
    return [policyFinding(certAt(ctx, at), why)];
  },
};
