import { type PolicyCert, processPolicies } from "../chain/policy.js";
import { policyFinding, policyUnreadableFinding } from "../findings/chain.js";
import type { Certificate } from "../x509/certificate.js";
import { certPolicies, PolicyExtensionError } from "../x509/policies.js";
import { isSelfIssued } from "../x509/signature.js";
import { certAt, type Rule, type RuleContext } from "./rule.js";

/** The path below the trust anchor, from the top down to the leaf: the certificates §6.1 processes. */
function processed(ctx: RuleContext): number[] {
  const path = [...ctx.chain.path];
  if (ctx.chain.complete || ctx.trust?.endsAtAnchor) path.pop();
  return path.reverse();
}

/** What §6.1 processing needs of a certificate, or why its policy extensions cannot be read. */
function policyCert(cert: Certificate): PolicyCert | string {
  try {
    return { policies: certPolicies(cert), selfIssued: isSelfIssued(cert) };
  } catch (err) {
    if (!(err instanceof PolicyExtensionError)) throw err;
    return err.message;
  }
}

export const chainPolicy: Rule = {
  ids: ["chain.policy"],
  check(ctx) {
    const order = processed(ctx);
    const certs: PolicyCert[] = [];
    for (const i of order) {
      const cert = ctx.entries[i].cert;
      const read = ctx.cache.ofCa(cert, "policies", () => policyCert(cert));
      if (typeof read === "string") return [policyUnreadableFinding(certAt(ctx, i), read)];
      certs.push(read);
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
