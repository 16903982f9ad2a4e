import { expiredFinding } from "../findings/validity.js";
import { isExpired } from "../x509/validity.js";
import { certAt, type Rule } from "./rule.js";
import { datedIndices } from "./validity-scope.js";

export const validityExpired: Rule = {
  ids: ["validity.expired"],
  check(ctx) {
    return datedIndices(ctx)
      .filter((i) => isExpired(ctx.entries[i].cert, ctx.at))
      .map((i) =>
        expiredFinding(
          certAt(ctx, i),
          ctx.entries[i].cert.notAfter,
          i === ctx.chain.path[0] ? undefined : (ctx.chain.roles.get(i) ?? "CA"),
        ),
      );
  },
};
