import { finding } from "../finding.js";
import { describeCert, type Rule } from "../rule.js";

export const leafKeyUsage: Rule = {
  ids: ["leaf.key-usage"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    const ku = leaf === undefined ? undefined : ctx.entries[leaf].cert.keyUsage;
    if (!ku || ku.includes("digitalSignature")) return [];
    return [
      finding("leaf.key-usage", {
        message: `The leaf, ${describeCert(ctx, leaf)}, has key usage ${ku.join(", ") || "(none)"} but not digitalSignature, which a TLS client needs to sign the handshake.`,
        certificate: leaf,
        hint: "Request a new certificate whose key usage includes Digital Signature.",
      }),
    ];
  },
};
