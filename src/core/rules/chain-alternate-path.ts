import { pathLine } from "../chain/path-line.js";
import { alternatePathFinding } from "../findings/chain.js";
import { certAt, type Rule } from "./rule.js";

/** A cross-signed root makes two paths from one leaf; ConnectPay takes one chain. */
export const chainAlternatePath: Rule = {
  ids: ["chain.alternate-path"],
  check(ctx) {
    const { paths, path, pathReason } = ctx.chain;
    if (paths.length < 2) return [];
    const lines = paths.map((p) => pathLine(ctx.entries, ctx.chain, p));
    const kept = { path: paths.indexOf(path) + 1, why: pathReason };
    const offPath = paths.flat().find((i) => !path.includes(i));
    return [alternatePathFinding(certAt(ctx, path[0]), lines, kept, offPath)];
  },
};
