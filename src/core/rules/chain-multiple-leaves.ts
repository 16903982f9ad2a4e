import { finding } from "../findings/finding.js";
import { otherLeaves } from "../x509/end-entity.js";
import { describeCert, type Rule } from "./rule.js";

export const chainMultipleLeaves: Rule = {
  ids: ["chain.multiple-leaves"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    return otherLeaves(ctx.entries, ctx.chain).map((i) => {
      const cert = ctx.entries[i].cert;
      const sameIssuer = leaf !== undefined && cert.issuerDer.equals(ctx.entries[leaf].cert.issuerDer);
      const issuer = sameIssuer ? "the same CA as the leaf" : cert.issuer;
      return finding("chain.multiple-leaves", {
        message: `${describeCert(ctx, i)} is a second end-entity certificate (issued by ${issuer}, serial ${cert.serialNumber}) besides the leaf, ${describeCert(ctx, leaf as number)}. ConnectPay takes one chain per file.`,
        certificate: i,
        hint: `Keep one: \`connectpay-cert fix FILE --leaf ${cert.serialNumber} -o fixed.pem\` keeps this one, or --leaf with the other's serial keeps that one.`,
      });
    });
  },
};
