import { type Finding, finding } from "../findings/finding.js";
import { expiresWithin, isExpired, isNotYetValid, isoDay, timeLeftText } from "../x509/validity.js";
import { describeCert, type Rule } from "./rule.js";
import { datedIndices } from "./validity-scope.js";

export const validityExpiringSoon: Rule = {
  ids: ["validity.expiring-soon"],
  check(ctx) {
    const out: Finding[] = [];
    for (const i of datedIndices(ctx)) {
      const cert = ctx.entries[i].cert;
      if (isExpired(cert, ctx.at) || isNotYetValid(cert, ctx.at)) continue;
      const failing = ctx.failDays !== undefined && expiresWithin(cert, ctx.at, ctx.failDays);
      if (!failing && !expiresWithin(cert, ctx.at, ctx.warnDays)) continue;
      out.push(
        finding(
          "validity.expiring-soon",
          {
            message: `${describeCert(ctx, i)} expires on ${isoDay(cert.notAfter)}, in ${timeLeftText(cert, ctx.at)}${failing ? ` (less than --fail-days ${ctx.failDays})` : ""}.`,
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
