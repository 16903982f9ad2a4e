import { finding } from "../findings/finding.js";
import { leafOf } from "../x509/end-entity.js";
import { describeCert, type Rule } from "./rule.js";

export const chainNoLeaf: Rule = {
  ids: ["chain.no-leaf"],
  check(ctx) {
    const first = ctx.chain.path[0];
    if (first === undefined || leafOf(ctx.entries, ctx.chain) !== undefined) return [];
    return [
      finding("chain.no-leaf", {
        message: `The file has no end-entity certificate: the path starts at ${describeCert(ctx, first)}, a CA certificate. The client certificate itself is missing.`,
        certificate: first,
        hint: "Put your client certificate first, followed by these CA certificates (`connectpay-cert fix YOUR-CERT.pem --ca-file CA-CERTS.pem -o fixed.pem` builds the chain).",
      }),
    ];
  },
};
