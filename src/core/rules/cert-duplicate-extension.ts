import { duplicateExtensionFinding } from "../findings/cert.js";
import { certAt, type Rule } from "./rule.js";

export const certDuplicateExtension: Rule = {
  ids: ["cert.duplicate-extension"],
  check(ctx) {
    const out = [];
    for (const e of ctx.entries) {
      if (ctx.chain.duplicates.has(e.index)) continue;
      const seen = new Set<string>();
      const twice = new Set(e.cert.extensions.map((x) => x.oid).filter((oid) => seen.has(oid) || !seen.add(oid)));
      if (twice.size) out.push(duplicateExtensionFinding(certAt(ctx, e.index), [...twice]));
    }
    return out;
  },
};
