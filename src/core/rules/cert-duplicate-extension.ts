import { finding } from "../findings/finding.js";
import { describeCert, type Rule } from "./rule.js";

export const certDuplicateExtension: Rule = {
  ids: ["cert.duplicate-extension"],
  check(ctx) {
    const out = [];
    for (const e of ctx.entries) {
      if (ctx.chain.duplicates.has(e.index)) continue;
      const seen = new Set<string>();
      const twice = new Set(e.cert.extensions.map((x) => x.oid).filter((oid) => seen.has(oid) || !seen.add(oid)));
      if (twice.size)
        out.push(
          finding("cert.duplicate-extension", {
            message: `${describeCert(ctx, e.index)} repeats the extension(s) ${[...twice].join(", ")}; TLS stacks reject it as malformed.`,
            certificate: e.index,
            hint: "Have the CA reissue the certificate.",
          }),
        );
    }
    return out;
  },
};
