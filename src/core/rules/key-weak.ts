import { finding } from "../findings/finding.js";
import { formatKey } from "../x509/public-key.js";
import { describeCert, type Rule } from "./rule.js";

function weak(key: { algorithm: string; bits?: number; inheritedParameters?: boolean }): boolean {
  // Its size is its issuer's; cert.dsa-inherited-parameters refuses it for what it is.
  if (key.inheritedParameters) return false;
  if (key.algorithm === "RSA" || key.algorithm === "DSA") return (key.bits ?? 0) < 2048;
  if (key.algorithm === "EC") return (key.bits ?? 0) < 256;
  return false;
}

export const keyWeak: Rule = {
  ids: ["key.weak"],
  check(ctx) {
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && weak(e.cert.key))
      .map((e) =>
        finding("key.weak", {
          message: `${describeCert(ctx, e.index)} has a ${formatKey(e.cert.key)} key, below the minimum of RSA 2048 / EC 256 bits.`,
          certificate: e.index,
          hint: "Generate a new key (RSA 2048+ or EC P-256+) and have the certificate reissued.",
        }),
      );
  },
};
