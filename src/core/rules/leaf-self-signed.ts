import { describeCert, type Rule } from "../rule.js";

export const leafSelfSigned: Rule = {
  id: "leaf.self-signed",
  severity: "error",
  description:
    "The end-entity certificate is self-signed (a lone self-signed CA included: it is no client certificate).",
  source:
    "ConnectPay security page: self-signed certificates are not accepted; newer pages: CA and client roles must be separate certificates",
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (leaf === undefined || !ctx.chain.selfSigned.has(leaf)) return [];
    return [
      {
        id: this.id,
        severity: "error",
        message: `The leaf, ${describeCert(ctx, leaf)}, is self-signed. ConnectPay rejects a self-signed client certificate.`,
        certificate: leaf,
        hint: "Get a certificate from a CA (ConnectPay names Comodo, DigiCert, BuyPass), or with your own CA issue a separate client certificate from the CA certificate and send both.",
      },
    ];
  },
};
