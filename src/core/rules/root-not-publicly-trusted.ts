import { finding } from "../findings/finding.js";
import { isMozillaRoot } from "../trust-store/root-store.js";
import { describeCert, type Rule } from "./rule.js";

export const rootNotPubliclyTrusted: Rule = {
  ids: ["root.not-publicly-trusted"],
  check(ctx) {
    const { path, complete } = ctx.chain;
    const root = path.at(-1);
    if (!complete || root === undefined || path.length < 2 || isMozillaRoot(ctx.entries[root].cert)) return [];
    return [
      finding("root.not-publicly-trusted", {
        message: `The root, ${describeCert(ctx, root)}, is not a publicly trusted root (not in the Mozilla store). ConnectPay's current pages accept a self-made CA when the client certificate is separate from it; older pages ask for a CA-issued chain.`,
        certificate: root,
        hint: "Fine for a private CA. If you bought the certificate, check that the root is your CA's current public root.",
      }),
    ];
  },
};
