import { rsaExponentFinding } from "../findings/key.js";
import { LIMITS } from "../limits.js";
import { certAt, type Rule } from "./rule.js";

export const keyRsaExponent: Rule = {
  ids: ["key.rsa-exponent"],
  check(ctx) {
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && (e.cert.rsaExponentBits ?? 0) > LIMITS.maxRsaExponentBits)
      .map((e) => rsaExponentFinding(certAt(ctx, e.index), e.cert.rsaExponentBits ?? 0, LIMITS.maxRsaExponentBits));
  },
};
