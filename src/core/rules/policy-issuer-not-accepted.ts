import policy from "../data/issuer-policy.json" with { type: "json" };
import { finding } from "../findings/finding.js";
import { type NameAttribute, nameFromDer } from "../x509/names.js";
import { describeCert, type Rule } from "./rule.js";

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

export const policyIssuerNotAccepted: Rule = {
  ids: ["policy.issuer-not-accepted"],
  check(ctx) {
    // Issuing certificates only: the leaf's own subject is the customer, never the CA.
    for (const i of ctx.chain.path.slice(1)) {
      const attrs = nameFromDer(ctx.entries[i].cert.subjectDer);
      const entry = policy.issuers.find((e) => matches(attrs, e));
      if (!entry) continue;
      return [
        finding("policy.issuer-not-accepted", {
          message: `The chain is issued by ${entry.name} (${describeCert(ctx, i)}). ${entry.reason}`,
          certificate: i,
          hint: "Buy a certificate from a CA ConnectPay accepts (Comodo/Sectigo, DigiCert, BuyPass or similar; a DV certificate is quickest).",
        }),
      ];
    }
    return [];
  },
};
