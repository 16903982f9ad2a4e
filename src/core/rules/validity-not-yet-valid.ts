import { describeCert, type Rule } from "../rule.js";
import { isNotYetValid } from "../validity.js";
import { datedIndices } from "./validity-scope.js";

export const validityNotYetValid: Rule = {
  id: "validity.not-yet-valid",
  severity: "error",
  description: "A certificate is before its notBefore at the evaluation time.",
  source: "RFC 5280 §4.1.2.5",
  check(ctx) {
    return datedIndices(ctx)
      .filter((i) => isNotYetValid(ctx.entries[i].cert, ctx.at))
      .map((i) => ({
        id: this.id,
        severity: "error" as const,
        message: `${describeCert(ctx, i)} is not valid until ${ctx.entries[i].cert.notBefore.toISOString()}.`,
        certificate: i,
        hint: "Wait until then, or check this machine's clock and the --at value.",
      }));
  },
};
