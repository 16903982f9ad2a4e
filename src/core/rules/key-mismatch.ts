import { keyMismatchFinding } from "../findings/key.js";
import { certAt, type Rule } from "./rule.js";

export const keyMismatch: Rule = {
  ids: ["key.mismatch"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (!ctx.leafKey || leaf === undefined) return [];
    const certKey = ctx.entries[leaf].cert.spkiDer;
    const given = ctx.cache.spkiOf(ctx.leafKey);
    if (certKey.equals(given)) return [];
    return [keyMismatchFinding(certAt(ctx, leaf))];
  },
};
