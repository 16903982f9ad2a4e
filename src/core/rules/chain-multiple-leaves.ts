import { multipleLeavesFinding } from "../findings/chain.js";
import { otherLeaves } from "../x509/end-entity.js";
import { certAt, type Rule } from "./rule.js";

export const chainMultipleLeaves: Rule = {
  ids: ["chain.multiple-leaves"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    return otherLeaves(ctx.entries, ctx.chain).map((i) => {
      const cert = ctx.entries[i].cert;
      const sameIssuer = leaf !== undefined && cert.issuerDer.equals(ctx.entries[leaf].cert.issuerDer);
      const issuer = sameIssuer ? "the same CA as the leaf" : cert.issuer;
      return multipleLeavesFinding(certAt(ctx, i), certAt(ctx, leaf as number), issuer, cert.serialNumber);
    });
  },
};
