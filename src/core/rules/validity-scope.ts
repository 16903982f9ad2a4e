import type { RuleContext } from "./rule.js";

/** Certificates whose dates count: every distinct one, or only the leaf under `--scope leaf`. */
export function datedIndices(ctx: RuleContext): number[] {
  if (ctx.scope === "leaf") return ctx.chain.path.slice(0, 1);
  return ctx.entries.map((e) => e.index).filter((i) => !ctx.chain.duplicates.has(i));
}
