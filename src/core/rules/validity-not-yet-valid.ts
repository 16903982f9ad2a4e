import { notYetValidFinding } from "../findings/validity.js";
import { isNotYetValid } from "../x509/validity.js";
import { certAt, type Rule } from "./rule.js";
import { datedIndices } from "./validity-scope.js";

export const validityNotYetValid: Rule = {
  ids: ["validity.not-yet-valid"],
  check(ctx) {
    return datedIndices(ctx)
      .filter((i) => isNotYetValid(ctx.entries[i].cert, ctx.at))
      .map((i) => notYetValidFinding(certAt(ctx, i), ctx.entries[i].cert.notBefore));
  },
};
