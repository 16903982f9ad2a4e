import { finding } from "../findings/finding.js";
import { isExpired, isoDay } from "../x509/validity.js";
import { describeCert, type Rule } from "./rule.js";
import { datedIndices } from "./validity-scope.js";

export const validityExpired: Rule = {
  ids: ["validity.expired"],
  check(ctx) {
    return datedIndices(ctx)
      .filter((i) => isExpired(ctx.entries[i].cert, ctx.at))
      .map((i) =>
        finding("validity.expired", {
          message: `${describeCert(ctx, i)} expired on ${ctx.entries[i].cert.notAfter.toISOString()}.`,
          certificate: i,
          hint:
            i === ctx.chain.path[0]
              ? "Renew the certificate, then send the new chain to ConnectPay before using it (the serial changes)."
              : `Get the current ${ctx.chain.roles.get(i) ?? "CA"} certificate from your CA (this one ended ${isoDay(ctx.entries[i].cert.notAfter)}).`,
        }),
      );
  },
};
