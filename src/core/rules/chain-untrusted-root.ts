import { finding } from "../findings/finding.js";
import { describeCert, type Rule } from "./rule.js";

export const chainUntrustedRoot: Rule = {
  ids: ["chain.untrusted-root"],
  check(ctx) {
    const top = ctx.chain.path.at(-1);
    if (!ctx.trust || ctx.trust.endsAtAnchor || !ctx.chain.complete || top === undefined) return [];
    return [
      finding("chain.untrusted-root", {
        message: `The chain ends at ${describeCert(ctx, top)}, which is not one of the --trust roots. A server trusting only those roots rejects it.`,
        certificate: top,
        hint: "Check that you are sending the chain of the CA the server trusts (for ConnectPay: the chain you registered).",
      }),
    ];
  },
};
