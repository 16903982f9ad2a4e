import { noCommonNameFinding } from "../findings/leaf.js";
import { certAt, type Rule } from "./rule.js";

/** ConnectPay's application matches the certificate attached to the DevApp by serial number and CN. */
export const leafNoCommonName: Rule = {
  ids: ["leaf.no-common-name"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (leaf === undefined || ctx.entries[leaf].cert.subjectCN) return [];
    return [noCommonNameFinding(certAt(ctx, leaf))];
  },
};
