import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** The end-entity certificate ConnectPay receives in the handshake. */
export const LEAF_FINDINGS = {
  "leaf.no-common-name": { severity: "warning" },
  "leaf.self-signed": { severity: "error" },
  "leaf.client-auth": { severity: "error" },
  "leaf.server-auth": { severity: "error" },
  "leaf.key-usage": { severity: "error" },
  "leaf.key-usage-openssl-only": { severity: "warning" },
  "leaf.is-ca": { severity: "warning" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of LEAF_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const LEAF_TEXTS = (): GroupTexts<typeof LEAF_FINDINGS> => ({
  "leaf.no-common-name": {
    title: "Leaf without Common Name",
    summary: "the leaf's subject has no CN",
    description: "The leaf's subject has no Common Name (CN).",
    why: "ConnectPay's application matches the certificate attached to the DevApp by serial number and CN (ConnectPay's API documentation, Certificates); a leaf without CN leaves half of that match empty.",
    fix: "ask ConnectPay support, or have the certificate reissued with a CN",
    source: "ConnectPay share-qwac-certificate page (ConnectPay's API documentation, Certificates)",
    example:
      "The leaf, Certificate 1 (O=Acme Payments UAB, C=LT), has no Common Name (CN) in its subject. ConnectPay matches the certificate attached to your DevApp by serial number and CN.",
    exampleFrom: { check: ["fixtures/leaf/no-common-name.pem"] },
    group: "check",
  },
  "leaf.self-signed": {
    title: "Self-signed leaf",
    summary: "the end-entity certificate is self-signed (a lone self-signed CA included)",
    description:
      "The end-entity certificate is self-signed (a lone self-signed CA included: it is no client certificate).",
    why: "ConnectPay rejects a self-signed client certificate on every version of its pages (ConnectPay's API documentation, Certificates).",
    fix: "get a CA-issued certificate, or issue a client certificate from your own CA",
    source:
      "ConnectPay's security page: self-signed certificates are not accepted; newer pages: CA and client roles must be separate certificates",
    example:
      "The leaf, Certificate 1 (CN=payments.acme.example), is self-signed. ConnectPay rejects a self-signed client certificate.",
    exampleFrom: { check: ["fixtures/leaf/self-signed.pem"] },
    group: "check",
  },
  "leaf.client-auth": {
    title: "Leaf not for TLS client authentication",
    summary:
      "the leaf has an EKU without `clientAuth`; public CAs are removing clientAuth from TLS certificates (Chrome root program, 2026-06-15)",
    description:
      "The leaf has an extended key usage extension without clientAuth (with --purpose server: leaf.server-auth, without serverAuth).",
    why: "Without clientAuth most TLS stacks refuse the certificate as a client certificate, so the mTLS handshake with ConnectPay fails (ConnectPay's API documentation, Certificates).",
    fix: "ask the CA for a client-auth certificate",
    source:
      "RFC 5280 §4.2.1.12; TLS stacks refuse such a client certificate; public CAs are removing clientAuth (Chrome root program, 2026-06-15)",
    example:
      'The leaf, Certificate 1 (CN=payments.acme.example), may not be used as a TLS client certificate: its extended key usage lacks clientAuth. Public CAs stopped putting clientAuth in TLS server certificates ahead of the Chrome root program\'s 2026-06-15 deadline, so a recent "SSL certificate" often cannot do mTLS.',
    exampleFrom: { check: ["fixtures/leaf/server-auth-only.pem"] },
    group: "check",
  },
  "leaf.server-auth": {
    title: "Leaf not for TLS server authentication",
    summary: "with `--purpose server`: the leaf has an EKU without `serverAuth`",
    description:
      "With --purpose server: the leaf has an extended key usage extension without serverAuth (reported by the leaf.client-auth rule).",
    why: "Only with `--purpose server`, for checking a server chain with the same rules; ConnectPay itself needs clientAuth.",
    fix: "use a server certificate",
    source: "RFC 5280 §4.2.1.12",
    example:
      "The leaf, Certificate 1 (CN=payments.acme.example), may not be used as a TLS server certificate: its extended key usage lacks serverAuth.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--purpose", "server"] },
    group: "check",
  },
  "leaf.key-usage": {
    title: "Leaf cannot sign the handshake",
    summary:
      "the leaf has a key usage that OpenSSL's TLS purpose check refuses: neither `digitalSignature` nor keyAgreement (a server: nor keyEncipherment)",
    description:
      "The leaf has a key usage extension without digitalSignature and without the other bits OpenSSL's TLS purpose accepts (keyAgreement; for --purpose server also keyEncipherment).",
    why: "A TLS client proves its key by signing the handshake; without digitalSignature the handshake with ConnectPay fails.",
    fix: "reissue with Digital Signature",
    source: "RFC 5280 §4.2.1.3; RFC 8446 §4.4.3 (the client signs CertificateVerify)",
    example:
      "The leaf, Certificate 1 (CN=payments.acme.example), has key usage keyEncipherment but not digitalSignature, which a TLS client needs to sign the handshake.",
    exampleFrom: { check: ["fixtures/leaf/key-encipherment-only.pem"] },
    group: "check",
  },
  "leaf.key-usage-openssl-only": {
    title: "Key usage only OpenSSL accepts",
    summary:
      "the leaf's key usage passes OpenSSL's TLS purpose check but does not fit the handshake: keyAgreement without `digitalSignature` on a client, keyEncipherment on an EC server key or keyAgreement on an RSA one",
    description:
      "The leaf's key usage has a bit OpenSSL's sslclient/sslserver purpose accepts (keyAgreement for a client; keyEncipherment or keyAgreement for a server), but none its key can use in a TLS handshake: a client signs CertificateVerify (digitalSignature); a server without digitalSignature needs keyEncipherment with an RSA key or keyAgreement with an EC key.",
    why: "ConnectPay's gateway runs OpenSSL, which accepts this key usage (`openssl verify -purpose sslclient` passes), so the verdict follows it; TLS stacks that enforce key usage in the handshake refuse the certificate.",
    fix: "reissue with Digital Signature",
    source:
      "RFC 5280 §4.2.1.3; RFC 8446 §4.4.3; RFC 5246 §7.4.2; RFC 4492 §2.1; OpenSSL check_purpose_ssl_client/ssl_server",
    example:
      "The leaf, Certificate 1 (CN=payments.acme.example), has key usage keyAgreement, which OpenSSL (the gateway's TLS stack) accepts for a TLS client, but a TLS client signs the handshake (CertificateVerify), which needs digitalSignature: TLS stacks that enforce key usage in the handshake refuse it.",
    exampleFrom: { check: ["fixtures/leaf/no-digital-signature.pem"] },
    group: "check",
  },
  "leaf.is-ca": {
    title: "Leaf is a CA",
    summary: "the leaf has `CA:TRUE`",
    description: "The leaf has basicConstraints CA:TRUE.",
    why: "ConnectPay wants the CA role and the TLS-client role in separate certificates (ConnectPay's API documentation, Certificates).",
    fix: "put the client certificate first",
    source:
      "RFC 5280 §4.2.1.9; ConnectPay's newer requirements: CA and client roles are separate certificates (ConnectPay's API documentation)",
    example:
      "The leaf, Certificate 1 (CN=payments.acme.example), is a CA certificate (CA:TRUE). A client certificate should not be a CA; if this is your CA, the client certificate itself is missing from the file.",
    exampleFrom: { check: ["fixtures/leaf/is-ca.pem"] },
    group: "check",
  },
});

const finding = findingsOf(LEAF_FINDINGS);

export function selfSignedFinding(leaf: CertAt): Finding {
  return finding("leaf.self-signed", {
    message: `The leaf, ${leaf.name}, is self-signed. ConnectPay rejects a self-signed client certificate.`,
    certificate: leaf.index,
    hint: "Get a certificate from a CA (ConnectPay names Comodo, DigiCert, BuyPass), or with your own CA issue a separate client certificate from the CA certificate and send both.",
  });
}

const CLIENT_REASON =
  'Public CAs stopped putting clientAuth in TLS server certificates ahead of the Chrome root program\'s 2026-06-15 deadline, so a recent "SSL certificate" often cannot do mTLS.';

/** The leaf's extended key usage lacks the purpose: clientAuth (`leaf.client-auth`) or serverAuth (`leaf.server-auth`). */
/** Why the leaf may not serve the purpose: its EKU, or an old Netscape certificate type that OpenSSL still honours. */
export type PurposeGap = "eku" | "netscape";

const GAP_TEXT = {
  client: {
    eku: "its extended key usage lacks clientAuth",
    netscape: "its Netscape certificate type (nsCertType) does not include SSL client, and OpenSSL honours that",
  },
  server: {
    eku: "its extended key usage lacks serverAuth",
    netscape: "its Netscape certificate type (nsCertType) does not include SSL server, and OpenSSL honours that",
  },
};

export function purposeFinding(leaf: CertAt, purpose: "client" | "server", gap: PurposeGap = "eku"): Finding {
  if (purpose === "client")
    return finding("leaf.client-auth", {
      message: `The leaf, ${leaf.name}, may not be used as a TLS client certificate: ${GAP_TEXT.client[gap]}. ${CLIENT_REASON}`,
      certificate: leaf.index,
      hint: "Ask your CA for a certificate with the TLS Web Client Authentication (clientAuth) EKU, e.g. a client-auth or QWAC product.",
    });
  return finding("leaf.server-auth", {
    message: `The leaf, ${leaf.name}, may not be used as a TLS server certificate: ${GAP_TEXT.server[gap]}.`,
    certificate: leaf.index,
    hint: "Use a certificate issued for TLS server authentication.",
  });
}

export function leafIsCaFinding(leaf: CertAt): Finding {
  return finding("leaf.is-ca", {
    message: `The leaf, ${leaf.name}, is a CA certificate (CA:TRUE). A client certificate should not be a CA; if this is your CA, the client certificate itself is missing from the file.`,
    certificate: leaf.index,
    hint: "Put the client (end-entity) certificate first, or issue one from this CA.",
  });
}

export function noCommonNameFinding(leaf: CertAt): Finding {
  return finding("leaf.no-common-name", {
    message: `The leaf, ${leaf.name}, has no Common Name (CN) in its subject. ConnectPay matches the certificate attached to your DevApp by serial number and CN.`,
    certificate: leaf.index,
    hint: "Ask ConnectPay support whether a leaf without CN can be attached to your DevApp, or have it reissued with a CN.",
  });
}

const KEY_USAGE_HINT = "Request a new certificate whose key usage includes Digital Signature.";

/** The leaf's key usage (`keyUsage`) allows no handshake of `purpose` with its `keyAlgorithm` key, not even in OpenSSL. */
export function leafKeyUsageFinding(
  leaf: CertAt,
  keyUsage: string,
  purpose: "client" | "server",
  keyAlgorithm: string,
): Finding {
  return finding("leaf.key-usage", {
    message:
      purpose === "server"
        ? `The leaf, ${leaf.name}, has key usage ${keyUsage}, which allows no TLS server handshake with its ${keyAlgorithm} key: a server needs digitalSignature (signed key exchange), keyEncipherment (RSA key exchange, RSA keys) or keyAgreement (static ECDH, EC keys).`
        : `The leaf, ${leaf.name}, has key usage ${keyUsage} but not digitalSignature, which a TLS client needs to sign the handshake.`,
    certificate: leaf.index,
    hint: KEY_USAGE_HINT,
  });
}

/** OpenSSL accepts the key usage for `purpose`, but the handshake cannot use it: `need` says what it lacks. */
export function keyUsageOpensslOnlyFinding(
  leaf: CertAt,
  keyUsage: string,
  purpose: "client" | "server",
  need: string,
): Finding {
  return finding("leaf.key-usage-openssl-only", {
    message: `The leaf, ${leaf.name}, has key usage ${keyUsage}, which OpenSSL (the gateway's TLS stack) accepts for a TLS ${purpose}, but ${need}: TLS stacks that enforce key usage in the handshake refuse it.`,
    certificate: leaf.index,
    hint: KEY_USAGE_HINT,
  });
}
