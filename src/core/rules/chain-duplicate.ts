import { finding } from "../findings/finding.js";
import { describeCert, type Rule } from "./rule.js";

export const chainDuplicate: Rule = {
  ids: ["chain.duplicate"],
  check(ctx) {
    return [...ctx.chain.duplicates].map(([dup, first]) =>
      finding("chain.duplicate", {
        message: `${describeCert(ctx, dup)} is a copy of certificate ${first + 1}.`,
        certificate: dup,
        hint: "Remove the copy (`connectpay-cert fix` does).",
      }),
    );
  },
};
