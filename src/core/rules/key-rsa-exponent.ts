import { finding } from "../findings/finding.js";
import { LIMITS } from "../limits.js";
import { describeCert, type Rule } from "./rule.js";

export const keyRsaExponent: Rule = {
  ids: ["key.rsa-exponent"],
  check(ctx) {
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && (e.cert.rsaExponentBits ?? 0) > LIMITS.maxRsaExponentBits)
      .map((e) =>
        finding("key.rsa-exponent", {
          message: `${describeCert(ctx, e.index)} has an RSA public exponent of ${e.cert.rsaExponentBits} bits; TLS libraries refuse more than ${LIMITS.maxRsaExponentBits} (65537 has 17), so nothing it signed is verified.`,
          certificate: e.index,
          hint: "Generate a new RSA key with the usual exponent 65537 and have the certificate reissued.",
        }),
      );
  },
};
