import { finding } from "../findings/finding.js";
import { describeCert, issuingIndices, type Rule, type RuleContext } from "./rule.js";

export const caNotCa: Rule = {
  ids: ["ca.not-ca"],
  check(ctx) {
    return issuingIndices(ctx)
      .filter((i) => !ctx.entries[i].cert.basicConstraints?.ca && !anchorWithoutBasicConstraints(ctx, i))
      .map((i) =>
        finding("ca.not-ca", {
          message: `${describeCert(ctx, i)} signed another certificate of the chain but is not a CA (${ctx.entries[i].cert.basicConstraints ? "CA:FALSE" : "no basicConstraints extension"}). Validators refuse certificates it issued.`,
          certificate: i,
          hint: "Use the CA's real intermediate certificate; a certificate without CA:TRUE cannot issue others.",
        }),
      );
  },
};

/**
 * The root is judged as a trust anchor (RFC 5280 §6.1.1 (d): a name and a key). OpenSSL without
 * -x509_strict, as gateways run it, accepts a self-signed root without basicConstraints when it is a v1
 * certificate or its key usage allows keyCertSign (X509_check_ca returns 3 or 4); CA:FALSE, or neither, is
 * refused. The missing extension stays a profile warning (cert.key-cert-sign-not-ca), so --strict refuses
 * it as -x509_strict does. docs/verdict.md.
 */
function anchorWithoutBasicConstraints(ctx: RuleContext, i: number): boolean {
  const cert = ctx.entries[i].cert;
  const isRoot = ctx.chain.complete && ctx.chain.path.at(-1) === i;
  if (!isRoot || cert.basicConstraints) return false;
  return cert.version === 1 || Boolean(cert.keyUsage?.includes("keyCertSign"));
}
