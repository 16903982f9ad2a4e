import { finding } from "../findings/finding.js";
import { leafOf } from "../x509/end-entity.js";
import { describeCert, type Rule } from "./rule.js";

export const leafSelfSigned: Rule = {
  ids: ["leaf.self-signed"],
  check(ctx) {
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined || !ctx.chain.selfSigned.has(leaf)) return [];
    return [
      finding("leaf.self-signed", {
        message: `The leaf, ${describeCert(ctx, leaf)}, is self-signed. ConnectPay rejects a self-signed client certificate.`,
        certificate: leaf,
        hint: "Get a certificate from a CA (ConnectPay names Comodo, DigiCert, BuyPass), or with your own CA issue a separate client certificate from the CA certificate and send both.",
      }),
    ];
  },
};
