import { notCaFinding } from "../findings/ca.js";
import { certAt, issuingIndices, type Rule, type RuleContext } from "./rule.js";

export const caNotCa: Rule = {
  ids: ["ca.not-ca"],
  check(ctx) {
    return issuingIndices(ctx)
      .filter((i) => !ctx.entries[i].cert.basicConstraints?.ca && !anchorWithoutBasicConstraints(ctx, i))
      .map((i) => notCaFinding(certAt(ctx, i), ctx.entries[i].cert.basicConstraints !== undefined));
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
