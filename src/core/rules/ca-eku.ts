import { finding } from "../findings/finding.js";
import { EKU, ekuName } from "../x509/oids.js";
import { describeCert, issuingIndices, type Rule } from "./rule.js";

const SERVER_ONLY_REASON =
  "Public CAs are moving TLS issuance to serverAuth-only intermediates for the Chrome root program's 2026 deadline, so a certificate from such a hierarchy cannot do mTLS even when the leaf itself says clientAuth.";

/**
 * OpenSSL checks the purpose on every CA of the path (X509_check_purpose with ca=1): a CA whose EKU lacks
 * the purpose is refused. anyExtendedKeyUsage alone does not allow it in OpenSSL 3 (verified with
 * `openssl verify -purpose sslclient`), while Chrome's verifier (BoringSSL pki) accepts it on CAs; a
 * ConnectPay gateway runs OpenSSL, so we take OpenSSL's side (docs/verdict.md).
 */
export const caEku: Rule = {
  ids: ["ca.eku"],
  check(ctx) {
    if (ctx.purpose === "any") return [];
    const client = ctx.purpose === "client";
    const wanted = client ? EKU.clientAuth : EKU.serverAuth;
    return issuingIndices(ctx)
      .filter((i) => {
        const eku = ctx.entries[i].cert.extKeyUsage;
        return eku !== undefined && !eku.includes(wanted);
      })
      .map((i) =>
        finding("ca.eku", {
          message: `${describeCert(ctx, i)} issues the leaf's chain, but its extended key usage (${ekuList(ctx.entries[i].cert.extKeyUsage ?? [])}) does not allow ${client ? "clientAuth" : "serverAuth"}, so OpenSSL-based servers refuse every ${client ? "client" : "server"} certificate below it.${client ? ` ${SERVER_ONLY_REASON}` : ""}`,
          certificate: i,
          hint: client
            ? "Ask your CA for a client-authentication certificate issued under a CA that allows clientAuth (a dedicated client-auth or QWAC hierarchy)."
            : "Use a certificate issued under a CA that allows serverAuth.",
        }),
      );
  },
};

function ekuList(oids: string[]): string {
  return oids.map((o) => (o === EKU.any ? "anyExtendedKeyUsage" : ekuName(o))).join(", ") || "empty";
}
