import { describeCert, type Rule } from "../rule.js";

export const leafIsCa: Rule = {
  id: "leaf.is-ca",
  severity: "warning",
  description: "The leaf has basicConstraints CA:TRUE.",
  source: "RFC 5280 §4.2.1.9; ConnectPay's newer requirements: CA and client roles are separate certificates",
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (leaf === undefined || !ctx.entries[leaf].cert.basicConstraints?.ca) return [];
    return [
      {
        id: this.id,
        severity: "warning",
        message: `The leaf, ${describeCert(ctx, leaf)}, is a CA certificate (CA:TRUE). A client certificate should not be a CA; if this is your CA, the client certificate itself is missing from the file.`,
        certificate: leaf,
        hint: "Put the client (end-entity) certificate first, or issue one from this CA.",
      },
    ];
  },
};
