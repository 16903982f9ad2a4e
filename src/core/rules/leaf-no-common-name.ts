import { finding } from "../findings/finding.js";
import { describeCert, type Rule } from "./rule.js";

/** ConnectPay's application matches the certificate attached to the DevApp by serial number and CN. */
export const leafNoCommonName: Rule = {
  ids: ["leaf.no-common-name"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (leaf === undefined || ctx.entries[leaf].cert.subjectCN) return [];
    return [
      finding("leaf.no-common-name", {
        message: `The leaf, ${describeCert(ctx, leaf)}, has no Common Name (CN) in its subject. ConnectPay matches the certificate attached to your DevApp by serial number and CN.`,
        certificate: leaf,
        hint: "Ask ConnectPay support whether a leaf without CN can be attached to your DevApp, or have it reissued with a CN.",
      }),
    ];
  },
};
