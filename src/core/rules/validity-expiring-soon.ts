import { type Finding, finding } from "../findings/finding.js";
import {
  type ExpiryThreshold,
  expiresWithinThreshold,
  isExpired,
  isNotYetValid,
  isoDay,
  thresholdText,
  timeLeftText,
} from "../x509/validity.js";
import { describeCert, type Rule } from "./rule.js";
import { datedIndices } from "./validity-scope.js";

export const validityExpiringSoon: Rule = {
  ids: ["validity.expiring-soon"],
  check(ctx) {
    const out: Finding[] = [];
    for (const i of datedIndices(ctx)) {
      const cert = ctx.entries[i].cert;
      if (isExpired(cert, ctx.at) || isNotYetValid(cert, ctx.at)) continue;
      const failing = ctx.failDays !== undefined && expiresWithinThreshold(cert, ctx.at, ctx.failDays);
      if (!failing && !expiresWithinThreshold(cert, ctx.at, ctx.warnDays)) continue;
      out.push(
        finding(
          "validity.expiring-soon",
          {
            message: `${describeCert(ctx, i)} expires on ${isoDay(cert.notAfter)}, in ${timeLeftText(cert, ctx.at)}${failing ? ` (less than --fail-days ${failText(ctx.failDays)})` : ""}.`,
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

/** `14`, or `20% (of its lifetime)` for a share, so the message says what the flag meant. */
function failText(threshold: ExpiryThreshold | undefined): string {
  if (threshold === undefined) return "";
  return typeof threshold === "number" ? thresholdText(threshold) : `${thresholdText(threshold)} of its lifetime`;
}
