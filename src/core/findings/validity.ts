import { isoString } from "../x509/iso-time.js";
import { isoDay } from "../x509/validity.js";
import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** Dates at the evaluation instant (`--at`): notBefore inclusive, and expired from the second of notAfter on, as OpenSSL counts. */
export const VALIDITY_FINDINGS = {
  "validity.expired": { severity: "error" },
  "validity.not-yet-valid": { severity: "error" },
  "validity.expiring-soon": {
    severity: "warning",
    escalation: { severity: "error", when: "within `--fail-days`" },
  },
} as const satisfies Record<string, FindingEntry>;

/** The texts of VALIDITY_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
export const VALIDITY_TEXTS = (): GroupTexts<typeof VALIDITY_FINDINGS> => ({
  "validity.expired": {
    title: "Expired",
    summary: "at or past notAfter at `--at`",
    description:
      "A certificate is at or past its notAfter at the evaluation time (OpenSSL, the gateway's verifier, counts the second of notAfter as expired; RFC 5280 §4.1.2.5 would still count it valid).",
    why: "ConnectPay's web server checks expiry on every request (ConnectPay's API documentation, Certificates).",
    fix: "renew, and send the new chain before use (new serial)",
    source: "RFC 5280 §4.1.2.5; ConnectPay checks expiry on every request (ConnectPay's API documentation)",
    example: "Certificate 1 (CN=payments.acme.example) expired on 2098-12-31T23:59:59.000Z.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--at", "2099-06-01"] },
    group: "check",
  },
  "validity.not-yet-valid": {
    title: "Not yet valid",
    summary: "before notBefore at `--at`",
    description: "A certificate is before its notBefore at the evaluation time.",
    why: "ConnectPay's web server checks validity on every request (ConnectPay's API documentation, Certificates).",
    fix: "wait, or check the clock",
    source: "RFC 5280 §4.1.2.5",
    example: "Certificate 1 (CN=payments.acme.example) is not valid until 2024-06-01T00:00:00.000Z.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--at", "2023-06-01"] },
    group: "check",
  },
  "validity.expiring-soon": {
    title: "Expiring soon",
    summary: "expires within `--warn-days`",
    description: "A certificate expires within --warn-days (default 30); an error within --fail-days.",
    why: "A renewed certificate has a new serial, so ConnectPay must receive it before it is used (ConnectPay's API documentation, Certificates).",
    fix: "renew now",
    source:
      "Operational: ConnectPay must receive a renewed chain before it is used (new serial) (ConnectPay's API documentation)",
    example: "Certificate 1 (CN=payments.acme.example) expires on 2098-12-31, in 16 day(s).",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--at", "2098-12-15"] },
    group: "check",
  },
});

const finding = findingsOf(VALIDITY_FINDINGS);

/** `caRole`: absent for the leaf (renew it and send it again), else its role in the chain (get its current certificate). */
export function expiredFinding(cert: CertAt, notAfter: Date, caRole?: string): Finding {
  return finding("validity.expired", {
    message: `${cert.name} expired on ${isoString(notAfter)}.`,
    certificate: cert.index,
    hint:
      caRole === undefined
        ? "Renew the certificate, then send the new chain to ConnectPay before using it (the serial changes)."
        : `Get the current ${caRole} certificate from your CA (this one ended ${isoDay(notAfter)}).`,
  });
}

export function notYetValidFinding(cert: CertAt, notBefore: Date): Finding {
  return finding("validity.not-yet-valid", {
    message: `${cert.name} is not valid until ${isoString(notBefore)}.`,
    certificate: cert.index,
    hint: "Wait until then, or check this machine's clock and the --at value.",
  });
}

/** `day`: the last day; `left`: the time left as text; `failDays`: the --fail-days threshold it is within, as text (an error). */
export function expiringSoonFinding(cert: CertAt, day: string, left: string, failDays?: string): Finding {
  return finding(
    "validity.expiring-soon",
    {
      message: `${cert.name} expires on ${day}, in ${left}${failDays !== undefined ? ` (less than --fail-days ${failDays})` : ""}.`,
      certificate: cert.index,
      hint: "Renew it now and send the new chain to ConnectPay before the old one expires: a renewed certificate has a new serial.",
    },
    failDays !== undefined ? "error" : "warning",
  );
}
