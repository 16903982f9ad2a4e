import { processPolicies } from "../chain/policy.js";
import { finding } from "../findings/finding.js";
import { certPolicies, PolicyExtensionError } from "../x509/policies.js";
import { isSelfIssued } from "../x509/signature.js";
import { describeCert, type Rule, type RuleContext } from "./rule.js";

const HINT =
  "Ask your CA for a leaf that asserts the certificate policy its CA requires, or for the chain it publishes for this certificate.";

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
        const message = `${describeCert(ctx, i)} cannot take part in certificate policy processing: ${err.message}.`;
        return [finding("chain.policy", { message, certificate: i, hint: HINT })];
      }
    }
    const failure = processPolicies(certs);
    if (!failure) return [];
    const at = order[failure.at];
    const message =
      failure.reason === "maps-any-policy"
        ? `${describeCert(ctx, at)} maps anyPolicy in its policyMappings, which RFC 5280 §6.1.4 (a) forbids.`
        : `${describeCert(ctx, order[failure.requiredBy ?? failure.at])} requires an explicit certificate policy (policyConstraints), but no policy is valid from the root down to ${describeCert(ctx, at)}: validators that process policies (Java, Windows, OpenSSL with -policy_check) refuse this chain; OpenSSL as web servers run it by default does not check.`;
    return [finding("chain.policy", { message, certificate: at, hint: HINT })];
  },
};
