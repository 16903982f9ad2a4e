import { describeCert, type Rule } from "../rule.js";

export const certDuplicateExtension: Rule = {
  id: "cert.duplicate-extension",
  severity: "error",
  description: "A certificate carries the same extension twice; OpenSSL refuses to use such a certificate.",
  source: "RFC 5280 §4.2: a certificate MUST NOT include more than one instance of an extension",
  check(ctx) {
    const out = [];
    for (const e of ctx.entries) {
      if (ctx.chain.duplicates.has(e.index)) continue;
      const seen = new Set<string>();
      const twice = new Set(e.cert.extensions.map((x) => x.oid).filter((oid) => seen.has(oid) || !seen.add(oid)));
      if (twice.size)
        out.push({
          id: this.id,
          severity: "error" as const,
          message: `${describeCert(ctx, e.index)} repeats the extension(s) ${[...twice].join(", ")}; TLS stacks reject it as malformed.`,
          certificate: e.index,
          hint: "Have the CA reissue the certificate.",
        });
    }
    return out;
  },
};
