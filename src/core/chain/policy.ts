// RFC 5280 §6.1 certificate policy processing with the inputs OpenSSL and BoringSSL use for TLS when
// policy checking is on: user-initial-policy-set {anyPolicy}, and initial-explicit-policy,
// initial-policy-mapping-inhibit and initial-any-policy-inhibit all false. With {anyPolicy} as the user set,
// §6.1.5 (g) removes nothing, so the verdict is only "is the valid_policy_tree NULL when explicit_policy
// reaches 0". The tree is kept as its deepest level only, with nodes of the same valid_policy merged
// (their expected_policy_set is the same: §6.1.4 (b) sets it per valid_policy). That gives the same answer
// as the tree, in time linear in the certificates and their policies (no exponential tree, RFC 9618 §1).
import { ANY_POLICY, type CertPolicies } from "../x509/policies.js";

export interface PolicyCert {
  policies: CertPolicies;
  /** subject and issuer are the same name (§6.1: self-issued certificates do not count down) */
  selfIssued: boolean;
}

export interface PolicyFailure {
  /** position in the input (0 = the certificate just below the trust anchor) */
  at: number;
  /** position of the certificate whose requireExplicitPolicy demanded a policy */
  requiredBy?: number;
  reason: "no-valid-policy" | "maps-any-policy";
}

/** valid_policy → expected_policy_set of the deepest level; null is a NULL valid_policy_tree. */
type Level = Map<string, Set<string>> | null;

interface Counters {
  explicit: number;
  inhibitAny: number;
  mapping: number;
  /** who last lowered `explicit` */
  requiredBy?: number;
}

/** §6.1.3 (d): the next level from the certificate's policies. */
function nextLevel(level: Level, policies: string[] | undefined, anyAllowed: boolean): Level {
  if (!level || !policies) return null; // (e): no certificatePolicies, no tree
  const expected = new Set([...level.values()].flatMap((s) => [...s]));
  const fromAny = level.has(ANY_POLICY);
  const next = new Map<string, Set<string>>();
  for (const p of policies) if (p !== ANY_POLICY && (expected.has(p) || fromAny)) next.set(p, new Set([p])); // (d)(1)
  if (policies.includes(ANY_POLICY) && anyAllowed)
    for (const e of expected) if (!next.has(e)) next.set(e, new Set([e])); // (d)(2)
  return next.size ? next : null;
}

/** §6.1.4 (b): policy mappings rewrite (or, when inhibited, delete) nodes. */
function mapLevel(level: Level, mappings: [string, string][], allowed: boolean): Level {
  if (!level) return null;
  const byIssuer = new Map<string, Set<string>>();
  for (const [idp, sdp] of mappings) byIssuer.set(idp, (byIssuer.get(idp) ?? new Set()).add(sdp));
  for (const [idp, sdps] of byIssuer) {
    if (!allowed) level.delete(idp);
    else if (level.has(idp) || level.has(ANY_POLICY)) level.set(idp, sdps);
  }
  return level.size ? level : null;
}

/** §6.1.4 (h)-(j): count down, then let the certificate's constraints lower the counters. */
function prepare(c: Counters, cert: PolicyCert, at: number): void {
  if (!cert.selfIssued) {
    if (c.explicit > 0) c.explicit--;
    if (c.mapping > 0) c.mapping--;
    if (c.inhibitAny > 0) c.inhibitAny--;
  }
  const p = cert.policies;
  if (p.requireExplicitPolicy !== undefined && p.requireExplicitPolicy < c.explicit) {
    c.explicit = p.requireExplicitPolicy;
    c.requiredBy = at;
  }
  if (p.inhibitPolicyMapping !== undefined) c.mapping = Math.min(c.mapping, p.inhibitPolicyMapping);
  if (p.inhibitAnyPolicy !== undefined) c.inhibitAny = Math.min(c.inhibitAny, p.inhibitAnyPolicy);
}

/** Certificates from the one below the trust anchor down to the leaf; undefined when the policies are satisfied. */
export function processPolicies(certs: PolicyCert[]): PolicyFailure | undefined {
  const n = certs.length;
  const c: Counters = { explicit: n + 1, inhibitAny: n + 1, mapping: n + 1 };
  let level: Level = new Map([[ANY_POLICY, new Set([ANY_POLICY])]]);
  for (let i = 0; i < n; i++) {
    const cert = certs[i];
    const last = i === n - 1;
    level = nextLevel(level, cert.policies.policies, c.inhibitAny > 0 || (!last && cert.selfIssued));
    if (last) break;
    if (c.explicit === 0 && !level) return { at: i, requiredBy: c.requiredBy, reason: "no-valid-policy" }; // (f)
    if (cert.policies.mappings.some((m) => m.includes(ANY_POLICY))) return { at: i, reason: "maps-any-policy" }; // (a)
    level = mapLevel(level, cert.policies.mappings, c.mapping > 0);
    prepare(c, cert, i);
  }
  // §6.1.5 (a), (b) and the final check (f)/(g) for the leaf.
  if (c.explicit > 0) c.explicit--;
  if (certs.at(-1)?.policies.requireExplicitPolicy === 0) {
    c.explicit = 0;
    c.requiredBy = n - 1;
  }
  return c.explicit === 0 && !level ? { at: n - 1, requiredBy: c.requiredBy, reason: "no-valid-policy" } : undefined;
}
