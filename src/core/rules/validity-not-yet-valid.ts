import { finding } from "../findings/finding.js";
import { isNotYetValid } from "../x509/validity.js";
import { describeCert, type Rule } from "./rule.js";
import { datedIndices } from "./validity-scope.js";

export const validityNotYetValid: Rule = {
  ids: ["validity.not-yet-valid"],
  check(ctx) {
    return datedIndices(ctx)
      .filter((i) => isNotYetValid(ctx.entries[i].cert, ctx.at))
      .map((i) =>
        finding("validity.not-yet-valid", {
          message: `${describeCert(ctx, i)} is not valid until ${ctx.entries[i].cert.notBefore.toISOString()}.`,
          certificate: i,
          hint: "Wait until then, or check this machine's clock and the --at value.",
        }),
      );
  },
};
