import {
  commonNameAsDns,
  NameConstraintError,
  namesOf,
  parseNameConstraints,
  violation,
} from "../chain/name-constraints.js";
import { nameConstraintsFinding } from "../findings/ca.js";
import type { Finding } from "../findings/finding.js";
import { LIMITS } from "../limits.js";
import { OID } from "../x509/oids.js";
import { isSelfIssued } from "../x509/signature.js";
import { certAt, type Rule } from "./rule.js";

const PAST_THE_LIMIT = `checking its names goes past the limit of ${LIMITS.maxNameConstraintChecksPerInput} name × constraint comparisons per input, so they count as not permitted`;

export const caNameConstraints: Rule = {
  ids: ["ca.name-constraints"],
  check(ctx) {
    const { path } = ctx.chain;
    const out: Finding[] = [];
    // The per-pair bound (in violation()) times every pair of a deep path was still seconds: bounded in all.
    let work = 0;
    for (let p = 1; p < path.length; p++) {
      const ext = ctx.entries[path[p]].cert.extensions.find((e) => e.oid === OID.nameConstraints);
      if (!ext) continue;
      let nc: ReturnType<typeof parseNameConstraints>;
      try {
        nc = parseNameConstraints(ext.value);
      } catch (err) {
        const why = err instanceof NameConstraintError ? err.message : "unreadable";
        out.push(nameConstraintsFinding(certAt(ctx, path[p]), { unreadable: why }));
        continue;
      }
      for (let q = 0; q < p; q++) {
        const child = ctx.entries[path[q]].cert;
        // RFC 5280 §6.1.3 (b): self-issued intermediates are not subject to name constraints.
        if (q > 0 && isSelfIssued(child)) continue;
        const names = q === 0 ? [...namesOf(child), ...commonNameAsDns(child)] : namesOf(child);
        work += names.length * (nc.permitted.length + nc.excluded.length);
        const overLimit = work > LIMITS.maxNameConstraintChecksPerInput;
        const why = overLimit ? PAST_THE_LIMIT : violation(names, nc);
        if (why) out.push(nameConstraintsFinding(certAt(ctx, path[p]), { subject: certAt(ctx, path[q]), why }));
        if (overLimit) return out;
      }
    }
    return out;
  },
};
