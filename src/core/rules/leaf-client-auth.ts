import { EKU } from "../oids.js";
import { describeCert, type Rule } from "../rule.js";

export const leafClientAuth: Rule = {
  id: "leaf.client-auth",
  severity: "error",
  description: "The leaf has an extended key usage extension without clientAuth.",
  source:
    "RFC 5280 §4.2.1.12; TLS stacks refuse such a client certificate; public CAs are removing clientAuth (Chrome root program, 2026-06-15)",
  check(ctx) {
    const leaf = ctx.chain.path[0];
    const eku = leaf === undefined ? undefined : ctx.entries[leaf].cert.extKeyUsage;
    if (!eku || eku.includes(EKU.clientAuth)) return [];
    return [
      {
        id: this.id,
        severity: "error",
        message: `The leaf, ${describeCert(ctx, leaf)}, may not be used as a TLS client certificate: its extended key usage lacks clientAuth. Public CAs stopped putting clientAuth in TLS server certificates ahead of the Chrome root program's 2026-06-15 deadline, so a recent "SSL certificate" often cannot do mTLS.`,
        certificate: leaf,
        hint: "Ask your CA for a certificate with the TLS Web Client Authentication (clientAuth) EKU, e.g. a client-auth or QWAC product.",
      },
    ];
  },
};
