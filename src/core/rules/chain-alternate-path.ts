import { pathLine } from "../chain/path-line.js";
import { finding } from "../findings/finding.js";
import { describeCert, type Rule } from "./rule.js";

/** A cross-signed root makes two paths from one leaf (issue 18); ConnectPay takes one chain. */
export const chainAlternatePath: Rule = {
  ids: ["chain.alternate-path"],
  check(ctx) {
    const { paths, path, pathReason } = ctx.chain;
    if (paths.length < 2) return [];
    const lines = paths.map((p, n) => `path ${n + 1}: ${pathLine(ctx.entries, ctx.chain, p)}`);
    const kept = paths.indexOf(path) + 1;
    const offPath = paths.flat().find((i) => !path.includes(i));
    return [
      finding("chain.alternate-path", {
        message: `The file holds ${paths.length} paths from the leaf, ${describeCert(ctx, path[0])}, to a root, and ConnectPay takes exactly one: ${lines.join("; ")}.`,
        certificate: offPath ?? path[0],
        hint: `\`connectpay-cert fix\` keeps path ${kept}: ${pathReason}. It removes the other path's certificates.`,
      }),
    ];
  },
};
