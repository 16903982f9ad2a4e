import { badSelfSignatureFinding, badSignatureFinding } from "../findings/signature.js";
import { isSelfIssued } from "../x509/signature.js";
import { certAt, type Rule } from "./rule.js";

export const signatureInvalid: Rule = {
  ids: ["signature.invalid"],
  check(ctx) {
    const out = [...ctx.chain.badSignatures].map(([child, issuer]) =>
      badSignatureFinding(certAt(ctx, child), certAt(ctx, issuer)),
    );
    // Only the top of the path can be a broken self-signature: a self-issued certificate lower down is
    // signed by another key of the same CA (a key rollover, RFC 5280 §6.1) and was linked above.
    const top = ctx.chain.path.at(-1);
    if (top !== undefined) {
      const i = top;
      const c = ctx.entries[i].cert;
      if (isSelfIssued(c) && !ctx.chain.selfSigned.has(i) && !ctx.chain.badSignatures.has(i) && !ctx.trust?.anchorAbove)
        out.push(badSelfSignatureFinding(certAt(ctx, i)));
    }
    return out;
  },
};
