import type { Finding } from "../findings/finding.js";
import { expiringSoonFinding } from "../findings/validity.js";
import {
  type ExpiryThreshold,
  expiresWithinThreshold,
  isExpired,
  isNotYetValid,
  isoDay,
  thresholdText,
  timeLeftText,
} from "../x509/validity.js";
import { certAt, type Rule } from "./rule.js";
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
      const day = isoDay(cert.notAfter);
      out.push(
        expiringSoonFinding(
          certAt(ctx, i),
          day,
          timeLeftText(cert, ctx.at),
          failing ? failText(ctx.failDays) : undefined,
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
