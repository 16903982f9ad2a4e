import { finding } from "../findings/finding.js";
import { describeCert, type Rule } from "./rule.js";

export const keyMismatch: Rule = {
  ids: ["key.mismatch"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (!ctx.leafKey || leaf === undefined) return [];
    const certKey = ctx.entries[leaf].cert.spkiDer;
    const given = ctx.leafKey.export({ type: "spki", format: "der" });
    if (certKey.equals(given)) return [];
    return [
      finding("key.mismatch", {
        message: `The private key given with --key does not belong to the leaf, ${describeCert(ctx, leaf)}. The TLS handshake would fail.`,
        certificate: leaf,
        hint: "Use the key generated together with the CSR for this certificate.",
      }),
    ];
  },
};
