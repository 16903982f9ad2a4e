import type { FindingDefinition } from "./definition.js";

/** Who issued the chain: ConnectPay's issuer policy and public trust. */
export const ISSUER_FINDINGS = {
  "policy.issuer-not-accepted": {
    severity: "error",
    title: "Issuer not accepted by ConnectPay",
    summary:
      "an issuing certificate is from Let's Encrypt or Cloudflare, which ConnectPay does not accept (list with sources in `src/core/data/issuer-policy.json`)",
    description: "The chain is issued by a CA that ConnectPay does not accept (Let's Encrypt, Cloudflare).",
    why: "ConnectPay does not accept Let's Encrypt (90-day validity) and its newest page names Cloudflare certificates too (docs/connectpay.md §1, Certificates).",
    fix: "buy from an accepted CA (Comodo/Sectigo, DigiCert, BuyPass…)",
    source:
      "ConnectPay certificate requirements; list and sources in src/core/data/issuer-policy.json (docs/connectpay.md §1)",
    example:
      "The chain is issued by Let's Encrypt (Certificate 2 (CN=R11)). ConnectPay does not accept Let's Encrypt certificates: their 90-day validity is too short for a certificate that must be sent to ConnectPay by email before every renewal.",
    exampleFrom: { check: ["fixtures/policy/lets-encrypt.pem"] },
    group: "check",
  },
  "root.not-publicly-trusted": {
    severity: "info",
    title: "Private root",
    summary: "the root is not in Node's bundled Mozilla store: a private or self-made CA",
    description: "The root is not in Node's bundled Mozilla root store (a self-made or private CA).",
    why: "ConnectPay's newest page accepts a self-made CA with a separate client certificate; older pages ask for a CA-issued chain (docs/connectpay.md §1, Certificates).",
    fix: "fine for a self-made CA (newest ConnectPay pages); otherwise check the root",
    source:
      "ConnectPay's newest requirements accept a self-made CA; older pages ask for CA-issued chains (docs/connectpay.md §1)",
    example:
      "The root, Certificate 3 (CN=Demo Root CA), is not a publicly trusted root (not in the Mozilla store). ConnectPay's current pages accept a self-made CA when the client certificate is separate from it; older pages ask for a CA-issued chain.",
    exampleFrom: { check: ["fixtures/good/chain.pem"] },
    group: "check",
  },
} as const satisfies Record<string, FindingDefinition>;
