import { weakKeyFinding } from "../findings/key.js";
import { formatKey } from "../x509/public-key.js";
import { certAt, type Rule } from "./rule.js";

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
      .map((e) => weakKeyFinding(certAt(ctx, e.index), formatKey(e.cert.key)));
  },
};
