import { describeCert, type Rule } from "../rule.js";

export const chainUntrustedRoot: Rule = {
  id: "chain.untrusted-root",
  severity: "error",
  description: "With --trust: the path ends at a self-signed root that is not one of the trusted roots.",
  source:
    "RFC 5280 §6.1 (the path must begin at a trust anchor); ConnectPay's web server validates against its truststore",
  check(ctx) {
    const top = ctx.chain.path.at(-1);
    if (!ctx.trust || ctx.trust.endsAtAnchor || !ctx.chain.complete || top === undefined) return [];
    return [
      {
        id: this.id,
        severity: "error",
        message: `The chain ends at ${describeCert(ctx, top)}, which is not one of the --trust roots. A server trusting only those roots rejects it.`,
        certificate: top,
        hint: "Check that you are sending the chain of the CA the server trusts (for ConnectPay: the chain you registered).",
      },
    ];
  },
};
