import { type Finding, finding } from "../finding.js";
import { describeCert, type Rule } from "../rule.js";
import { daysRemaining, isExpired, isNotYetValid, isoDay } from "../validity.js";
import { datedIndices } from "./validity-scope.js";

export const validityExpiringSoon: Rule = {
  ids: ["validity.expiring-soon"],
  check(ctx) {
    const out: Finding[] = [];
    for (const i of datedIndices(ctx)) {
      const cert = ctx.entries[i].cert;
      if (isExpired(cert, ctx.at) || isNotYetValid(cert, ctx.at)) continue;
      const days = daysRemaining(cert, ctx.at);
      const failing = ctx.failDays !== undefined && days < ctx.failDays;
      if (!failing && days >= ctx.warnDays) continue;
      out.push(
        finding(
          "validity.expiring-soon",
          {
            message: `${describeCert(ctx, i)} expires on ${isoDay(cert.notAfter)}, in ${days} day(s)${failing ? ` (less than --fail-days ${ctx.failDays})` : ""}.`,
            certificate: i,
            hint: "Renew it now and send the new chain to ConnectPay before the old one expires: a renewed certificate has a new serial.",
          },
          failing ? "error" : "warning",
        ),
      );
    }
    return out;
  },
};
