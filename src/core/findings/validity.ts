import type { FindingDefinition } from "./definition.js";

/** Dates at the evaluation instant (`--at`): notBefore inclusive, and expired from the second of notAfter on, as OpenSSL counts. */
export const VALIDITY_FINDINGS = {
  "validity.expired": {
    severity: "error",
    title: "Expired",
    summary: "at or past notAfter at `--at`",
    description:
      "A certificate is at or past its notAfter at the evaluation time (OpenSSL, the gateway's verifier, counts the second of notAfter as expired; RFC 5280 §4.1.2.5 would still count it valid).",
    why: "ConnectPay's web server checks expiry on every request (docs/connectpay.md §1, Certificates).",
    fix: "renew, and send the new chain before use (new serial)",
    source: "RFC 5280 §4.1.2.5; ConnectPay checks expiry on every request (docs/connectpay.md §1)",
    example: "Certificate 1 (CN=payments.acme.example) expired on 2098-12-31T23:59:59.000Z.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--at", "2099-06-01"] },
    group: "check",
  },
  "validity.not-yet-valid": {
    severity: "error",
    title: "Not yet valid",
    summary: "before notBefore at `--at`",
    description: "A certificate is before its notBefore at the evaluation time.",
    why: "ConnectPay's web server checks validity on every request (docs/connectpay.md §1, Certificates).",
    fix: "wait, or check the clock",
    source: "RFC 5280 §4.1.2.5",
    example: "Certificate 1 (CN=payments.acme.example) is not valid until 2024-06-01T00:00:00.000Z.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--at", "2023-06-01"] },
    group: "check",
  },
  "validity.expiring-soon": {
    severity: "warning",
    escalation: { severity: "error", when: "within `--fail-days`" },
    title: "Expiring soon",
    summary: "expires within `--warn-days`",
    description: "A certificate expires within --warn-days (default 30); an error within --fail-days.",
    why: "A renewed certificate has a new serial, so ConnectPay must receive it before it is used (docs/connectpay.md §1, Certificates).",
    fix: "renew now",
    source:
      "Operational: ConnectPay must receive a renewed chain before it is used (new serial) (docs/connectpay.md §1)",
    example: "Certificate 1 (CN=payments.acme.example) expires on 2098-12-31, in 16 day(s).",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--at", "2098-12-15"] },
    group: "check",
  },
} as const satisfies Record<string, FindingDefinition>;
