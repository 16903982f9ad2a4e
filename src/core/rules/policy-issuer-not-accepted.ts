import policy from "../data/issuer-policy.json" with { type: "json" };
import { issuerNotAcceptedFinding } from "../findings/issuer.js";
import type { Certificate } from "../x509/certificate.js";
import { type NameAttribute, nameFromDer } from "../x509/names.js";
import { certAt, type Rule } from "./rule.js";

type Entry = (typeof policy.issuers)[number];

function matches(attrs: NameAttribute[], entry: Entry): boolean {
  const lower = (list: string[]) => list.map((s) => s.toLowerCase());
  const orgs = lower(entry.organizations);
  const cns = lower(entry.commonNames);
  return attrs.some(
    (a) =>
      (a.type === "O" && orgs.includes(a.value.toLowerCase())) ||
      (a.type === "CN" && cns.includes(a.value.toLowerCase())),
  );
}

/** The entry of ConnectPay's issuer list that names the certificate's subject (O or CN), if any. */
function policyEntry(cert: Certificate): Entry | undefined {
  const attrs = nameFromDer(cert.subjectDer);
  return policy.issuers.find((e) => matches(attrs, e));
}

export const policyIssuerNotAccepted: Rule = {
  ids: ["policy.issuer-not-accepted"],
  check(ctx) {
    // Issuing certificates only: the leaf's own subject is the customer, never the CA.
    for (const i of ctx.chain.path.slice(1)) {
      const cert = ctx.entries[i].cert;
      const entry = ctx.cache.ofCa(cert, "issuer-policy", () => policyEntry(cert));
      if (!entry) continue;
      return [issuerNotAcceptedFinding(certAt(ctx, i), entry.name, entry.reason)];
    }
    return [];
  },
};
