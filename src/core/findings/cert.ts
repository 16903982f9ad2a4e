import { type Certificate, certLabel } from "../x509/certificate.js";
import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

const PROFILE_WHY =
  "ConnectPay's web server, an OpenSSL-based TLS stack run leniently, accepts this today; strict validators (x509-limbo, webpki, OpenSSL with -x509_strict) reject it, so a stricter gateway could too. `--strict` makes it fail.";
const PROFILE_FIX = "have it reissued if you can; strict validators reject it";

/** An x509-limbo case kept in test/conformance/limbo/cases/: the fixture generator cannot make these defects. */
const limbo = (dir: string, ...args: string[]) => ({
  check: [
    `test/conformance/limbo/cases/${dir}/bundle.pem`,
    "--trust",
    `test/conformance/limbo/cases/${dir}/trusted.pem`,
    ...args,
  ],
});

/** Any certificate on the path: extensions and the RFC 5280 / CA/B profile. The profile ids are warnings: lenient validators accept them. */
export const CERT_FINDINGS = {
  "cert.unknown-critical-extension": { severity: "error" },
  "cert.malformed-extension": { severity: "error" },
  "cert.non-der": { severity: "warning" },
  "cert.duplicate-extension": { severity: "error" },
  "cert.old-version": { severity: "warning" },
  "cert.serial-negative": { severity: "warning" },
  "cert.serial-zero": { severity: "warning" },
  "cert.serial-too-long": { severity: "warning" },
  "cert.aki-missing": { severity: "warning" },
  "cert.ski-missing": { severity: "warning" },
  "cert.key-id-critical": { severity: "warning" },
  "cert.aia-critical": { severity: "warning" },
  "cert.basic-constraints-not-critical": { severity: "warning" },
  "cert.key-cert-sign-not-ca": { severity: "warning" },
  "cert.ca-subject-empty": { severity: "warning" },
  "cert.san-not-critical": { severity: "warning" },
  "cert.name-constraints-not-critical": { severity: "warning" },
  "cert.name-constraints-not-ca": { severity: "warning" },
  "cert.san-dns-invalid": { severity: "warning" },
  "cert.key-usage-key-type": { severity: "warning" },
  "cert.key-usage-not-critical": { severity: "warning" },
  "cert.path-length-not-ca": { severity: "warning" },
  "cert.eku-any-critical": { severity: "warning" },
  "cert.common-name-too-long": { severity: "warning" },
  "cert.name-string-type": { severity: "warning" },
  "cert.san-syntax": { severity: "warning" },
  "cert.ec-explicit-parameters": { severity: "warning" },
  "cert.dsa-key": { severity: "warning" },
  "cert.dsa-inherited-parameters": { severity: "error" },
  "cert.rsa-modulus-size": { severity: "warning" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of CERT_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const CERT_TEXTS = (): GroupTexts<typeof CERT_FINDINGS> => ({
  "cert.unknown-critical-extension": {
    title: "Unknown critical extension",
    summary:
      "a certificate on the path has a critical extension the tool does not evaluate, or a critical key identifier, which OpenSSL does not handle: it fails closed, as RFC 5280 §4.2 requires",
    description:
      "A certificate on the path has a critical extension this tool does not process, or marks its subject or authority key identifier critical, which OpenSSL does not handle either (it refuses the certificate as an unhandled critical extension): it fails closed.",
    why: "A validator that does not understand a critical extension must reject the certificate; the tool cannot vouch for the chain either.",
    fix: "ask the CA; servers that do not know it reject the certificate too",
    source: "RFC 5280 §4.2: a system MUST reject a certificate with an unrecognised critical extension",
    example:
      "Certificate 1 (CN=payments.acme.example) has a critical extension 1.3.6.1.4.1.55555.1 that connectpay-cert does not evaluate, so it cannot vouch for the chain; servers that do not understand it reject the certificate too.",
    exampleFrom: { check: ["fixtures/cert/unknown-critical.pem"] },
    group: "check",
  },
  "cert.malformed-extension": {
    title: "Malformed extension",
    summary:
      "an extension breaks RFC 5280 in a way OpenSSL refuses, e.g. a negative pathLenConstraint; the message names it",
    description:
      "A certificate extension cannot be read as RFC 5280 defines it (a negative or non-DER pathLenConstraint, an extension value that is not DER); OpenSSL marks such a certificate invalid.",
    why: "OpenSSL, ConnectPay's TLS stack, marks a certificate invalid when it cannot read one of its extensions, and refuses the chain.",
    fix: "have it reissued",
    source: "RFC 5280 §4.2; X.690 §8.3 (INTEGER), OpenSSL ossl_x509v3_cache_extensions",
    example:
      "Block 2 (line 15): the extension basicConstraints is malformed (a negative INTEGER where only 0 or more is allowed). OpenSSL refuses to use a certificate whose basicConstraints extension it cannot read.",
    exampleFrom: { check: ["fixtures/der/pathlen-negative.pem"] },
    group: "check",
  },
  "cert.non-der": {
    title: "Not DER, accepted by OpenSSL",
    summary:
      "an encoding DER or RFC 5280 forbids that OpenSSL loads: `critical FALSE` spelled out, bytes after an extension's value, a bad PrintableString or non-ASCII IA5String, an iPAddress of other than 4 or 16 octets",
    description:
      "A certificate breaks X.690 DER or RFC 5280 in a way OpenSSL tolerates (explicit DEFAULT values, trailing data in an extension, invalid string types, malformed SAN entries); the message lists each.",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    source: "X.690 §11 (DER), RFC 5280 §4.1.2.4, §4.2, §4.2.1.6",
    example:
      "Certificate 1 (CN=payments.acme.example) breaks DER or RFC 5280 where OpenSSL is lenient: the extension subjectAltName: an iPAddress has 5 octets, not 4 or 16. ConnectPay's gateway loads it; strict TLS stacks refuse it.",
    exampleFrom: { check: ["fixtures/der/san-ip.pem"] },
    group: "check",
  },
  "cert.duplicate-extension": {
    title: "Repeated extension",
    summary: "a certificate repeats an extension (RFC 5280 §4.2); OpenSSL refuses it",
    description: "A certificate carries the same extension twice; OpenSSL refuses to use such a certificate.",
    why: "OpenSSL refuses a certificate that repeats an extension, so ConnectPay's web server would too.",
    fix: "have it reissued",
    source: "RFC 5280 §4.2: a certificate MUST NOT include more than one instance of an extension",
    example:
      "Certificate 1 (CN=payments.acme.example) repeats the extension(s) 2.5.29.17; TLS stacks reject it as malformed.",
    exampleFrom: { check: ["fixtures/cert/duplicate-extension.pem"] },
    group: "check",
  },
  "cert.old-version": {
    title: "Not X.509 v3",
    summary: "an X.509 v1 or v2 certificate",
    description: "The certificate is X.509 v1 or v2; v3 is required for extensions.",
    source: "RFC 5280 §4.1.2.1",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) is an X.509 v1 certificate; v3 is required for extensions (§4.1.2.1).",
    exampleFrom: limbo("webpki_v1-cert", "--purpose", "server"),
    group: "check",
  },
  "cert.serial-negative": {
    title: "Negative serial",
    summary: "a negative serial number (roots exempt)",
    description: "A certificate below the root has a serial number with the sign bit set.",
    source: "RFC 5280 §4.1.2.2",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=gov.us) has a negative serial number (§4.1.2.2).",
    exampleFrom: limbo("rfc5280_serial_negative", "--at", "2016-09-01T00:00:00+00:00", "--purpose", "server"),
    group: "check",
  },
  "cert.serial-zero": {
    title: "Serial zero",
    summary: "serial number zero (roots exempt)",
    description: "A certificate below the root has serial number zero.",
    source: "RFC 5280 §4.1.2.2",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) has serial number zero (§4.1.2.2).",
    exampleFrom: limbo("rfc5280_serial_zero", "--purpose", "server"),
    group: "check",
  },
  "cert.serial-too-long": {
    title: "Serial over 20 octets",
    summary: "a serial number over 20 octets (roots exempt)",
    description: "A certificate below the root has a serial number longer than 20 octets.",
    source: "RFC 5280 §4.1.2.2",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) has a 22-octet serial number; at most 20 are allowed (§4.1.2.2).",
    exampleFrom: limbo("rfc5280_serial_too-long", "--purpose", "server"),
    group: "check",
  },
  "cert.aki-missing": {
    title: "No authority key identifier",
    summary: "a certificate below the root without authority key identifier",
    description: "A certificate that is not self-signed has no authority key identifier extension.",
    source: "RFC 5280 §4.2.1.1",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) has no authority key identifier (§4.2.1.1).",
    exampleFrom: limbo("rfc5280_aki_leaf-missing-aki", "--purpose", "server"),
    group: "check",
  },
  "cert.ski-missing": {
    title: "No subject key identifier",
    summary: "a CA without subject key identifier",
    description: "A CA certificate has no subject key identifier extension.",
    source: "RFC 5280 §4.2.1.2",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 2 (CN=x509-limbo-intermediate-pathlen-None) is a CA without a subject key identifier (§4.2.1.2).",
    exampleFrom: limbo("rfc5280_ski_intermediate-missing-ski", "--purpose", "server"),
    group: "check",
  },
  "cert.key-id-critical": {
    title: "Critical key identifier",
    summary: "a critical authority or subject key identifier",
    description: "The authority or subject key identifier extension is marked critical, which RFC 5280 forbids.",
    source: "RFC 5280 §4.2.1.1, §4.2.1.2",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 2 (CN=x509-limbo-root) marks a key identifier extension critical (§4.2.1.1, §4.2.1.2).",
    exampleFrom: limbo("rfc5280_aki_critical-aki", "--purpose", "server"),
    group: "check",
  },
  "cert.aia-critical": {
    title: "Critical authority information access",
    summary: "a critical authority information access extension",
    description: "The authority information access extension is marked critical, which RFC 5280 forbids.",
    source: "RFC 5280 §4.2.2.1",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) marks authority information access critical (§4.2.2.1).",
    exampleFrom: limbo("rfc5280_ee-critical-aia-invalid", "--purpose", "server"),
    group: "check",
  },
  "cert.basic-constraints-not-critical": {
    title: "Non-critical CA basicConstraints",
    summary: "a CA whose basicConstraints is not critical",
    description: "A CA certificate's basicConstraints extension is not marked critical.",
    source: "RFC 5280 §4.2.1.9",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 2 (CN=x509-limbo-root) is a CA whose basicConstraints is not critical (§4.2.1.9).",
    exampleFrom: limbo("rfc5280_root-non-critical-basic-constraints", "--purpose", "server"),
    group: "check",
  },
  "cert.key-cert-sign-not-ca": {
    title: "keyCertSign without CA",
    summary: "keyCertSign in the key usage of a certificate that is not a CA",
    description: "The key usage asserts keyCertSign but basicConstraints does not say CA:TRUE.",
    source: "RFC 5280 §4.2.1.3",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 2 (CN=Demo Issuing CA 1) asserts keyCertSign without being a CA (§4.2.1.3).",
    exampleFrom: { check: ["fixtures/ca/not-ca.pem"] },
    group: "check",
  },
  "cert.ca-subject-empty": {
    title: "CA with empty subject",
    summary: "a CA with an empty subject",
    description: "A CA certificate has an empty subject name.",
    source: "RFC 5280 §4.1.2.6",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 2 (empty subject) is a CA with an empty subject (§4.1.2.6).",
    exampleFrom: limbo("rfc5280_ca-empty-subject", "--purpose", "server"),
    group: "check",
  },
  "cert.san-not-critical": {
    title: "Non-critical subjectAltName with empty subject",
    summary: "an empty subject with a non-critical subjectAltName",
    description: "The subject is empty, so the subjectAltName must be critical, and it is not.",
    source: "RFC 5280 §4.2.1.6",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (empty subject) has an empty subject and a non-critical subjectAltName (§4.2.1.6).",
    exampleFrom: limbo("rfc5280_san_noncritical-with-empty-subject", "--purpose", "server"),
    group: "check",
  },
  "cert.name-constraints-not-critical": {
    title: "Non-critical nameConstraints",
    summary: "a non-critical nameConstraints extension",
    description: "The nameConstraints extension is not marked critical.",
    source: "RFC 5280 §4.2.1.10",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 2 (CN=x509-limbo-root) has a non-critical nameConstraints extension, which must be critical (§4.2.1.10).",
    exampleFrom: limbo("rfc5280_nc_permitted-dns-match-noncritical", "--purpose", "server"),
    group: "check",
  },
  "cert.name-constraints-not-ca": {
    title: "nameConstraints outside a CA",
    summary: "nameConstraints in a certificate that is not a CA",
    description: "A certificate that is not a CA carries a nameConstraints extension.",
    source: "RFC 5280 §4.2.1.10",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) has nameConstraints but is not a CA (§4.2.1.10).",
    exampleFrom: limbo("rfc5280_nc_not-allowed-in-ee-noncritical", "--purpose", "server"),
    group: "check",
  },
  "cert.san-dns-invalid": {
    title: "Invalid dNSName",
    summary: "a subjectAltName dNSName that is an IP address or contains `_`",
    description: "A subjectAltName dNSName is an IP address or contains '_', neither of which is a host name.",
    source: "RFC 5280 §4.2.1.6",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 1 (CN=example.com) has a subjectAltName dNSName that is an IP address or contains '_' (§4.2.1.6).",
    exampleFrom: limbo("rfc5280_san_underscore-dns", "--purpose", "server"),
    group: "check",
  },
  "cert.key-usage-key-type": {
    title: "Key usage the key type cannot use",
    summary: "a key usage bit the key cannot do: keyEncipherment on an EC key, keyAgreement on an RSA key, …",
    description:
      "The key usage asserts a bit the certificate's key type cannot perform: keyEncipherment or dataEncipherment with an EC, DSA or EdDSA key; keyAgreement, encipherOnly or decipherOnly with an RSA key.",
    source: "RFC 3279 §2.3.1, §2.3.2; RFC 5480 §3; RFC 8410 §5 (zlint, pkilint)",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 1 (CN=example.com) asserts keyEncipherment in its key usage, which its EC key cannot do (RFC 3279 §2.3, RFC 5480 §3, RFC 8410 §5).",
    exampleFrom: limbo("webpki_explicit-curve", "--purpose", "server"),
    group: "check",
  },
  "cert.key-usage-not-critical": {
    title: "Key usage not critical",
    summary: "a key usage extension that is not critical",
    description: "The key usage extension is present but not marked critical.",
    source: "RFC 5280 §4.2.1.3 (SHOULD be critical); CA/B Baseline Requirements §7.1.2 (MUST for CA certificates)",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=revoked.example.com) has a key usage extension that is not critical (§4.2.1.3).",
    exampleFrom: limbo("crl_revoked-certificate-with-crl", "--purpose", "server"),
    group: "check",
  },
  "cert.path-length-not-ca": {
    title: "pathLenConstraint without CA",
    summary: "a pathLenConstraint in a certificate that is not a CA",
    description: "basicConstraints carries a pathLenConstraint while cA is FALSE or absent.",
    source: "RFC 5280 §4.2.1.9",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=client.lint.example) sets a pathLenConstraint without being a CA (§4.2.1.9).",
    exampleFrom: { test: "cert" },
    group: "check",
  },
  "cert.eku-any-critical": {
    title: "Critical EKU with anyExtendedKeyUsage",
    summary: "a critical extended key usage that holds anyExtendedKeyUsage",
    description: "The extended key usage extension is critical although it holds anyExtendedKeyUsage.",
    source: "RFC 5280 §4.2.1.12",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 1 (CN=client.lint.example) marks an extended key usage holding anyExtendedKeyUsage critical (§4.2.1.12).",
    exampleFrom: { test: "cert" },
    group: "check",
  },
  "cert.common-name-too-long": {
    title: "Common name over 64 characters",
    summary: "a subject common name longer than 64 characters",
    description:
      "The subject's common name is longer than X.520's upper bound of 64 characters. ConnectPay matches the registered certificate by its common name, so a stack that truncates or refuses it breaks the match.",
    source: "RFC 5280 Appendix A (ub-common-name 64, from X.520); CA/B Baseline Requirements §7.1.4",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 1 (CN=client-certificate-for-the-payments-api-of-acme-industries.lint.example) has a 71-character common name; X.520 allows at most 64 (ub-common-name, RFC 5280 Appendix A).",
    exampleFrom: { test: "cert" },
    group: "check",
  },
  "cert.name-string-type": {
    title: "Subject string type",
    summary: "a subject countryName that is not a two-letter PrintableString, a T61String, or control characters",
    description:
      "A subject attribute uses a string type or content RFC 5280 does not allow: countryName other than a two-letter PrintableString, a T61String, VideotexString or UniversalString, or control characters.",
    source: "RFC 5280 §4.1.2.4 and Appendix A (X520countryName); CA/B Baseline Requirements §7.1.4",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 2 (CN=Names Issuing CA) has a subject whose strings break RFC 5280 §4.1.2.4: countryName is not a two-letter PrintableString.",
    exampleFrom: { check: ["fixtures/names/utf8-vs-printable.pem"] },
    group: "check",
  },
  "cert.san-syntax": {
    title: "subjectAltName syntax",
    summary:
      "a subjectAltName entry with invalid syntax: an empty dNSName or label, a rfc822Name without `@`, a URI without scheme",
    description:
      "A subjectAltName entry breaks the syntax of its form: a dNSName that is empty, has an empty or over-long label, or holds characters other than letters, digits and hyphens; an rfc822Name that is not local@domain; a URI without a scheme.",
    source: "RFC 5280 §4.2.1.6; RFC 1034 §3.5; RFC 3986 §3",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      'Certificate 1 (CN=example.com) has subjectAltName entries with invalid syntax (§4.2.1.6): dNSName ".example.com" has an empty label.',
    exampleFrom: limbo("rfc5280_nc_nc-permits-invalid-dns-san", "--purpose", "server"),
    group: "check",
  },
  "cert.ec-explicit-parameters": {
    title: "Explicit EC parameters",
    summary: "an EC key with explicit curve parameters",
    description: "The EC public key carries explicit curve parameters instead of a named curve.",
    source: "RFC 5480 §2.1.1",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example:
      "Certificate 1 (CN=example.com) has an EC key with explicit curve parameters instead of a named curve (RFC 5480 §2.1.1).",
    exampleFrom: limbo("webpki_explicit-curve", "--at", "2024-03-13T00:00:00+00:00", "--purpose", "server"),
    group: "check",
  },
  "cert.dsa-key": {
    title: "DSA key",
    summary: "a DSA key",
    description: "The public key is DSA, which the Web PKI no longer allows.",
    source: "CA/B Baseline Requirements §6.1.5",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) has a DSA key, which the Web PKI no longer allows (CA/B BR §6.1.5).",
    exampleFrom: limbo("webpki_forbidden-dsa-leaf", "--purpose", "server"),
    group: "check",
  },
  "cert.dsa-inherited-parameters": {
    title: "DSA key with inherited parameters",
    summary: "a DSA key whose parameters are left to be inherited from the issuer: refused by policy",
    description:
      "The certificate's DSA public key has no parameters (p, q, g): RFC 3279 §2.3.2 lets them be inherited from the issuer's key. ConnectPay's profile refuses it.",
    why: "A key that is incomplete without its issuer's certificate cannot be used on its own: TLS stacks do not look up the issuer's parameters for a handshake key, TLS 1.3 has no DSA at all, and the Web PKI no longer allows DSA. The tool refuses it rather than vouch for a chain the gateway may not be able to use.",
    fix: "reissue with an EC (P-256) or RSA (2048+) key",
    source:
      "ConnectPay profile; RFC 3279 §2.3.2; RFC 8446 §4.2.3 (no DSA in TLS 1.3); CA/B Baseline Requirements §6.1.5",
    example:
      "Certificate 1 (CN=client.lint.example) has a DSA key whose parameters are inherited from its issuer (RFC 3279 §2.3.2): refused by policy, since no TLS stack can use the key on its own and TLS 1.3 has no DSA.",
    exampleFrom: { test: "cert" },
    group: "check",
  },
  "cert.rsa-modulus-size": {
    title: "Odd RSA modulus size",
    summary: "an RSA modulus that is not a whole number of bytes",
    description: "The RSA modulus size is not a multiple of 8 bits.",
    source: "CA/B Baseline Requirements §6.1.5",
    why: PROFILE_WHY,
    fix: PROFILE_FIX,
    example: "Certificate 1 (CN=example.com) has an RSA modulus that is not a whole number of bytes (CA/B BR §6.1.5).",
    exampleFrom: limbo("webpki_forbidden-rsa-key-not-divisible-by-8-in-leaf", "--purpose", "server"),
    group: "check",
  },
});

const finding = findingsOf(CERT_FINDINGS);

/** `where`: the PEM block ("Block 2 (line 15)"); `problem`: what is wrong, as a sentence; `extension`: its name. */
export function malformedExtensionFinding(where: string | undefined, problem: string, extension: string): Finding {
  return finding("cert.malformed-extension", {
    message: `${where}: ${problem} OpenSSL refuses to use a certificate whose ${extension} extension it cannot read.`,
    hint: "Ask the CA to reissue the certificate; it cannot be repaired without the CA's key.",
  });
}

/** Defects OpenSSL accepts (the fatal ones made the block malformed): a warning, one per certificate. */
export function nonDerFinding(cert: Certificate, index: number): Finding {
  const list = cert.defects.map((d) => `the ${d.field}: ${d.problem}`).join("; ");
  return finding("cert.non-der", {
    message: `Certificate ${index + 1} (${certLabel(cert)}) breaks DER or RFC 5280 where OpenSSL is lenient: ${list}. ConnectPay's gateway loads it; strict TLS stacks refuse it.`,
    certificate: index,
    hint: "Ask the CA to reissue it with a conforming encoding.",
  });
}

export function duplicateExtensionFinding(cert: CertAt, oids: readonly string[]): Finding {
  return finding("cert.duplicate-extension", {
    message: `${cert.name} repeats the extension(s) ${oids.join(", ")}; TLS stacks reject it as malformed.`,
    certificate: cert.index,
    hint: "Have the CA reissue the certificate.",
  });
}

/** `extension`: its name, or "extension <OID>"; `opensslRefuses`: an extension RFC 5280 forbids to be critical, which OpenSSL refuses. */
export function unknownCriticalFinding(cert: CertAt, extension: string, opensslRefuses: boolean): Finding {
  return finding("cert.unknown-critical-extension", {
    message: opensslRefuses
      ? `${cert.name} marks its ${extension} critical, which RFC 5280 forbids and OpenSSL does not handle: it refuses the certificate ("unhandled critical extension").`
      : `${cert.name} has a critical ${extension} that connectpay-cert does not evaluate, so it cannot vouch for the chain; servers that do not understand it reject the certificate too.`,
    certificate: cert.index,
    hint: "Check the chain with your CA; a critical extension the validator does not know makes the certificate unusable there.",
  });
}

export function dsaInheritedFinding(cert: CertAt): Finding {
  return finding("cert.dsa-inherited-parameters", {
    message: `${cert.name} has a DSA key whose parameters are inherited from its issuer (RFC 3279 §2.3.2): refused by policy, since no TLS stack can use the key on its own and TLS 1.3 has no DSA.`,
    certificate: cert.index,
    hint: "Have the certificate reissued for an EC (P-256) or RSA (2048+) key.",
  });
}
