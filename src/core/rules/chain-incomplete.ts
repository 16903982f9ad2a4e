import { missingIssuerFinding, rootNotInFileFinding } from "../findings/chain.js";
import { colonHex } from "../x509/der.js";
import { isSelfSigned } from "../x509/signature.js";
import { firstHttpUrl } from "../x509/urls.js";
import { certAt, type Rule, type RuleContext } from "./rule.js";

/**
 * ConnectPay wants the chain to end at the self-signed root, whatever the server trusts: a `--trust` anchor
 * that is an intermediate (or the leaf itself) does not make a file without its root complete. OpenSSL
 * agrees: without -partial_chain it refuses a chain that stops at a trusted intermediate.
 */
export const chainIncomplete: Rule = {
  ids: ["chain.incomplete"],
  check(ctx) {
    const { path, complete } = ctx.chain;
    if (path.length === 0 || complete) return [];
    const top = path[path.length - 1];
    const above = ctx.trust?.anchorAbove;
    if (above && isSelfSigned(above)) return [rootNotInFileFinding(certAt(ctx, top), above.subject)];
    return [missingIssuer(ctx, top)];
  },
};

function missingIssuer(ctx: RuleContext, top: number) {
  const cert = ctx.entries[top].cert;
  return missingIssuerFinding(certAt(ctx, top), {
    issuer: cert.issuer,
    keyId: cert.authorityKeyId && colonHex(cert.authorityKeyId),
    ca: Boolean(cert.basicConstraints?.ca),
    partialAnchor: Boolean(ctx.trust?.endsAtAnchor || ctx.trust?.anchorAbove),
    fetchable: firstHttpUrl(cert.aia.caIssuers) !== undefined,
  });
}
