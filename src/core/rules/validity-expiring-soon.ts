import { describeCert, type Rule } from "../rule.js";
import { daysRemaining, isExpired, isNotYetValid, isoDay } from "../validity.js";
import { datedIndices } from "./validity-scope.js";

export const validityExpiringSoon: Rule = {
  id: "validity.expiring-soon",
  severity: "warning|error",
  description: "A certificate expires within --warn-days (default 30); an error within --fail-days.",
  source: "Operational: ConnectPay must receive a renewed chain before it is used (new serial)",
  check(ctx) {
    const out = [];
    for (const i of datedIndices(ctx)) {
      const cert = ctx.entries[i].cert;
      if (isExpired(cert, ctx.at) || isNotYetValid(cert, ctx.at)) continue;
      const days = daysRemaining(cert, ctx.at);
      const failing = ctx.failDays !== undefined && days < ctx.failDays;
      if (!failing && days >= ctx.warnDays) continue;
      out.push({
        id: this.id,
        severity: failing ? ("error" as const) : ("warning" as const),
        message: `${describeCert(ctx, i)} expires on ${isoDay(cert.notAfter)}, in ${days} day(s)${failing ? ` (less than --fail-days ${ctx.failDays})` : ""}.`,
        certificate: i,
        hint: "Renew it now and send the new chain to ConnectPay before the old one expires: a renewed certificate has a new serial.",
      });
    }
    return out;
  },
};
