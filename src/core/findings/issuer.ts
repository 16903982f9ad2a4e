import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** Who issued the chain: ConnectPay's issuer policy and public trust. */
export const ISSUER_FINDINGS = {
  "policy.issuer-not-accepted": { severity: "error" },
  "root.not-publicly-trusted": { severity: "info" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of ISSUER_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
export const ISSUER_TEXTS = (): GroupTexts<typeof ISSUER_FINDINGS> => ({
  "policy.issuer-not-accepted": {
    title: "Issuer not accepted by ConnectPay",
    summary: "an issuing certificate is from Let's Encrypt or Cloudflare, which ConnectPay does not accept",
    description: "The chain is issued by a CA that ConnectPay does not accept (Let's Encrypt, Cloudflare).",
    why: "ConnectPay does not accept Let's Encrypt (90-day validity) and its newest page names Cloudflare certificates too (ConnectPay's API documentation, Certificates).",
    fix: "buy from an accepted CA (Comodo/Sectigo, DigiCert, BuyPass…)",
    source:
      "ConnectPay's certificate requirements: Let's Encrypt is not accepted (90-day validity); the newest requirements page also names Cloudflare certificates",
    example:
      "The chain is issued by Let's Encrypt (Certificate 2 (CN=R11)). ConnectPay does not accept Let's Encrypt certificates: their 90-day validity is too short for a certificate that must be sent to ConnectPay by email before every renewal.",
    exampleFrom: { check: ["fixtures/policy/lets-encrypt.pem"] },
    group: "check",
  },
  "root.not-publicly-trusted": {
    title: "Private root",
    summary: "the root is not in Node's bundled Mozilla store: a private or self-made CA",
    description: "The root is not in Node's bundled Mozilla root store (a self-made or private CA).",
    why: "ConnectPay's newest page accepts a self-made CA with a separate client certificate; older pages ask for a CA-issued chain (ConnectPay's API documentation, Certificates).",
    fix: "fine for a self-made CA (newest ConnectPay pages); otherwise check the root",
    source:
      "ConnectPay's newest requirements accept a self-made CA; older pages ask for CA-issued chains (ConnectPay's API documentation)",
    example:
      "The root, Certificate 3 (CN=Demo Root CA), is not a publicly trusted root (not in the Mozilla store). ConnectPay's current pages accept a self-made CA when the client certificate is separate from it; older pages ask for a CA-issued chain.",
    exampleFrom: { check: ["fixtures/good/chain.pem"] },
    group: "check",
  },
});

const finding = findingsOf(ISSUER_FINDINGS);

/** `issuer`: the CA's name as the policy table gives it; `reason`: why ConnectPay refuses it. */
export function issuerNotAcceptedFinding(cert: CertAt, issuer: string, reason: string): Finding {
  return finding("policy.issuer-not-accepted", {
    message: `The chain is issued by ${issuer} (${cert.name}). ${reason}`,
    certificate: cert.index,
    hint: "Buy a certificate from a CA ConnectPay accepts (Comodo/Sectigo, DigiCert, BuyPass or similar; a DV certificate is quickest).",
  });
}

export function privateRootFinding(root: CertAt): Finding {
  return finding("root.not-publicly-trusted", {
    message: `The root, ${root.name}, is not a publicly trusted root (not in the Mozilla store). ConnectPay's current pages accept a self-made CA when the client certificate is separate from it; older pages ask for a CA-issued chain.`,
    certificate: root.index,
    hint: "Fine for a private CA. If you bought the certificate, check that the root is your CA's current public root.",
  });
}
