import { finding } from "../findings/finding.js";
import { isSelfIssued } from "../x509/signature.js";
import { describeCert, type Rule } from "./rule.js";

export const signatureInvalid: Rule = {
  ids: ["signature.invalid"],
  check(ctx) {
    const out = [...ctx.chain.badSignatures].map(([child, issuer]) =>
      finding("signature.invalid", {
        message: `The signature on ${describeCert(ctx, child)} does not verify with the key of its issuer, ${describeCert(ctx, issuer)}. The certificate was altered or belongs to a different (re-keyed) CA.`,
        certificate: child,
        hint: "Download the certificate and its issuer again from your CA.",
      }),
    );
    // Only the top of the path can be a broken self-signature: a self-issued certificate lower down is
    // signed by another key of the same CA (a key rollover, RFC 5280 §6.1) and was linked above.
    const top = ctx.chain.path.at(-1);
    if (top !== undefined) {
      const i = top;
      const c = ctx.entries[i].cert;
      if (isSelfIssued(c) && !ctx.chain.selfSigned.has(i) && !ctx.chain.badSignatures.has(i) && !ctx.trust?.anchorAbove)
        out.push(
          finding("signature.invalid", {
            message: `${describeCert(ctx, i)} names itself as issuer, but its own key does not verify its signature.`,
            certificate: i,
            hint: "Download this root again from your CA; the copy is damaged.",
          }),
        );
    }
    return out;
  },
};
