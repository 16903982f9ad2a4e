import { privateRootFinding } from "../findings/issuer.js";
import { isMozillaRoot } from "../trust-store/root-store.js";
import { certAt, type Rule } from "./rule.js";

export const rootNotPubliclyTrusted: Rule = {
  ids: ["root.not-publicly-trusted"],
  check(ctx) {
    const { path, complete } = ctx.chain;
    const root = path.at(-1);
    if (!complete || root === undefined || path.length < 2 || isMozillaRoot(ctx.entries[root].cert)) return [];
    return [privateRootFinding(certAt(ctx, root))];
  },
};
