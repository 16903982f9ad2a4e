import { noResponderFinding } from "../findings/revocation.js";
import { firstHttpUrl } from "../x509/urls.js";
import { certAt, type Rule } from "./rule.js";

/**
 * ConnectPay's application asks the issuer's OCSP service about the client certificate on every request; a
 * leaf that names no OCSP responder and no CRL distribution point says nowhere where that is. With
 * --online the revocation check itself reports it (revocation.unavailable), so this stays offline.
 */
export const revocationNoResponder: Rule = {
  ids: ["revocation.no-responder"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (leaf === undefined || ctx.online || ctx.chain.roles.get(leaf) !== "leaf") return [];
    const { cert } = ctx.entries[leaf];
    if (firstHttpUrl(cert.aia.ocsp) || firstHttpUrl(cert.crlDistributionPoints)) return [];
    return [noResponderFinding(certAt(ctx, leaf))];
  },
};
