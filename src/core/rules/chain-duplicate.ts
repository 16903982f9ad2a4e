import { describeCert, type Rule } from "../rule.js";

export const chainDuplicate: Rule = {
  id: "chain.duplicate",
  severity: "warning",
  description: "The same certificate appears more than once.",
  source: "ConnectPay security page: leaf, intermediate and root, each once",
  check(ctx) {
    return [...ctx.chain.duplicates].map(([dup, first]) => ({
      id: this.id,
      severity: "warning" as const,
      message: `${describeCert(ctx, dup)} is a copy of certificate ${first + 1}.`,
      certificate: dup,
      hint: "Remove the copy (`connectpay-cert fix` does).",
    }));
  },
};
