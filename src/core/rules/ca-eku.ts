import { caEkuFinding } from "../findings/ca.js";
import { EKU, ekuName } from "../x509/oids.js";
import { certAt, issuingIndices, type Rule } from "./rule.js";

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
        caEkuFinding(certAt(ctx, i), ekuList(ctx.entries[i].cert.extKeyUsage ?? []), client ? "client" : "server"),
      );
  },
};

function ekuList(oids: string[]): string {
  return oids.map((o) => (o === EKU.any ? "anyExtendedKeyUsage" : ekuName(o))).join(", ") || "empty";
}
