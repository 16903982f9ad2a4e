import { finding } from "../findings/finding.js";
import { leafOf } from "../x509/end-entity.js";
import { EKU } from "../x509/oids.js";
import { describeCert, type Rule } from "./rule.js";

const CLIENT_REASON =
  'Public CAs stopped putting clientAuth in TLS server certificates ahead of the Chrome root program\'s 2026-06-15 deadline, so a recent "SSL certificate" often cannot do mTLS.';

/** `--purpose client` (the default): the leaf must allow TLS client authentication. Also `leaf.server-auth` under `--purpose server`. */
export const leafClientAuth: Rule = {
  ids: ["leaf.client-auth", "leaf.server-auth"],
  check(ctx) {
    if (ctx.purpose === "any") return [];
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined) return [];
    const eku = ctx.entries[leaf].cert.extKeyUsage;
    const client = ctx.purpose === "client";
    // anyExtendedKeyUsage does not count: OpenSSL and the Web PKI require the specific purpose.
    if (!eku || eku.includes(client ? EKU.clientAuth : EKU.serverAuth)) return [];
    const what = client
      ? "a TLS client certificate: its extended key usage lacks clientAuth"
      : "a TLS server certificate: its extended key usage lacks serverAuth";
    return [
      finding(client ? "leaf.client-auth" : "leaf.server-auth", {
        message: `The leaf, ${describeCert(ctx, leaf)}, may not be used as ${what}.${client ? ` ${CLIENT_REASON}` : ""}`,
        certificate: leaf,
        hint: client
          ? "Ask your CA for a certificate with the TLS Web Client Authentication (clientAuth) EKU, e.g. a client-auth or QWAC product."
          : "Use a certificate issued for TLS server authentication.",
      }),
    ];
  },
};
