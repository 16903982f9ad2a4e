import { type Certificate, certLabel } from "../x509/certificate.js";
import { isoString } from "../x509/iso-time.js";
import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** OCSP and CRL answers (`check --online`, `probe`). */
export const REVOCATION_FINDINGS = {
  "revocation.revoked": { severity: "error" },
  "revocation.unknown": { severity: "warning" },
  "revocation.unavailable": { severity: "warning" },
  "revocation.no-responder": { severity: "info" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of REVOCATION_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const REVOCATION_TEXTS = (): GroupTexts<typeof REVOCATION_FINDINGS> => ({
  "revocation.revoked": {
    title: "Revoked",
    summary: "the OCSP responder (or CRL) says revoked; time and reason given",
    description: "The OCSP responder (or CRL) says the certificate is revoked; the message gives the time and reason.",
    why: "ConnectPay checks revocation with the issuer's OCSP service on every request (ConnectPay's API documentation, Certificates).",
    fix: "get a new certificate and send the new chain",
    source:
      "RFC 6960; ConnectPay checks revocation via the issuer's OCSP service on every request (ConnectPay's API documentation)",
    example:
      "CN=payments.acme.example is REVOKED since 2030-01-01T00:00:00.000Z (reason: keyCompromise). ConnectPay refuses it on every request.",
    exampleFrom: { test: "revocation" },
    group: "probe",
  },
  "revocation.unknown": {
    title: "Unknown to the responder",
    summary: "the responder does not know the certificate",
    description: "The OCSP responder does not know the certificate (often a wrong issuer in the chain, or a test CA).",
    why: "ConnectPay checks revocation with the issuer's OCSP service on every request (ConnectPay's API documentation, Certificates); an unknown answer may fail there.",
    fix: "often a wrong intermediate in the file, or a test CA",
    source: "RFC 6960 §2.2",
    example:
      "The OCSP responder http://ocsp.demo.example does not know CN=payments.acme.example (status unknown): often a wrong issuer in the chain or a test CA.",
    exampleFrom: { test: "revocation" },
    group: "probe",
  },
  "revocation.unavailable": {
    title: "Revocation not checkable",
    summary:
      "revocation could not be checked: no OCSP URL, responder unreachable or timed out, or an unusable answer (bad signature, stale, wrong nonce)",
    description:
      "Revocation could not be checked: no OCSP URL, responder unreachable, or an unusable answer (bad signature, stale, wrong nonce); the message says which.",
    why: "ConnectPay checks revocation with the issuer's OCSP service on every request (ConnectPay's API documentation, Certificates); if it cannot either, the request may fail.",
    fix: "check that the CA's OCSP URL is reachable from where you run",
    source: "RFC 6960 §3.2, §4.2.2.1",
    example:
      "Revocation of CN=payments.acme.example could not be checked: the certificate names no OCSP or CRL URL. ConnectPay checks it with the issuer's OCSP service on every request.",
    exampleFrom: { test: "revocation" },
    group: "probe",
  },
  "revocation.no-responder": {
    title: "Leaf names no OCSP responder",
    summary:
      "the leaf names no OCSP responder and no CRL distribution point (offline; with --online: revocation.unavailable)",
    description:
      "The leaf names no OCSP responder (Authority Information Access) and no CRL distribution point, so nothing in the certificate says where its revocation status is published.",
    why: "ConnectPay checks the certificate's revocation with its CA's OCSP service on every request; a certificate that names no responder leaves that check to whatever ConnectPay knows about the CA.",
    fix: "ask the CA where its OCSP responder is, or for a certificate that names one",
    source:
      "RFC 5280 §4.2.2.1 (Authority Information Access), RFC 6960; ConnectPay checks revocation via the issuer's OCSP service on every request",
    example:
      "The leaf, Certificate 1 (CN=payments.acme.example), names no OCSP responder and no CRL distribution point. ConnectPay checks the certificate's revocation with its CA's OCSP service on every request, and this certificate does not say where that service is.",
    exampleFrom: { check: ["fixtures/good/chain.pem"] },
    group: "check",
  },
});

const finding = findingsOf(REVOCATION_FINDINGS);

/** `index`: the certificate's position in the input. */
export function unavailableFinding(cert: Certificate, why: string, index: number): Finding {
  return finding("revocation.unavailable", {
    message: `Revocation of ${certLabel(cert)} could not be checked: ${why}. ConnectPay checks it with the issuer's OCSP service on every request.`,
    certificate: index,
    hint: "Make sure the CA's OCSP responder (AIA extension) is reachable; ask the CA if the certificate has no OCSP URL.",
  });
}

export function revokedFinding(cert: Certificate, index: number, when: Date, reason?: string): Finding {
  return finding("revocation.revoked", {
    message: `${certLabel(cert)} is REVOKED since ${isoString(when)}${reason ? ` (reason: ${reason})` : ""}. ConnectPay refuses it on every request.`,
    certificate: index,
    hint: "Get a new certificate and send the new chain to ConnectPay.",
  });
}

export function unknownFinding(cert: Certificate, index: number, url: string): Finding {
  return finding("revocation.unknown", {
    message: `The OCSP responder ${url} does not know ${certLabel(cert)} (status unknown): often a wrong issuer in the chain or a test CA.`,
    certificate: index,
    hint: "Check that the intermediate in the file is the one that issued this certificate.",
  });
}

/** The leaf names neither an OCSP responder nor a CRL distribution point (checked offline). */
export function noResponderFinding(leaf: CertAt): Finding {
  return finding("revocation.no-responder", {
    message: `The leaf, ${leaf.name}, names no OCSP responder and no CRL distribution point. ConnectPay checks the certificate's revocation with its CA's OCSP service on every request, and this certificate does not say where that service is.`,
    certificate: leaf.index,
    hint: "Ask the CA where its OCSP responder for this certificate is, or for a certificate that names one (Authority Information Access).",
  });
}
