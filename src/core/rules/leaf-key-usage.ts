import { describeCert, type Rule } from "../rule.js";

export const leafKeyUsage: Rule = {
  id: "leaf.key-usage",
  severity: "error",
  description: "The leaf has a key usage extension without digitalSignature.",
  source: "RFC 5280 §4.2.1.3; RFC 8446 §4.4.3 (the client signs CertificateVerify)",
  check(ctx) {
    const leaf = ctx.chain.path[0];
    const ku = leaf === undefined ? undefined : ctx.entries[leaf].cert.keyUsage;
    if (!ku || ku.includes("digitalSignature")) return [];
    return [
      {
        id: this.id,
        severity: "error",
        message: `The leaf, ${describeCert(ctx, leaf)}, has key usage ${ku.join(", ") || "(none)"} but not digitalSignature, which a TLS client needs to sign the handshake.`,
        certificate: leaf,
        hint: "Request a new certificate whose key usage includes Digital Signature.",
      },
    ];
  },
};
