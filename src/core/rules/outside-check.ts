import type { Rule } from "../rule.js";

/** Ids that come from `--key` handling and from `probe`, not from the bundle rules; listed for README and --help. */
export const keyPermissions: Rule = {
  id: "key.permissions",
  severity: "warning",
  description: "The private key file given with --key is readable by group or others (POSIX systems).",
  source: "Private keys stay private: chmod 600",
};

export const leafServerAuth: Rule = {
  id: "leaf.server-auth",
  severity: "error",
  description:
    "With --purpose server: the leaf has an extended key usage extension without serverAuth (reported by the leaf.client-auth rule).",
  source: "RFC 5280 §4.2.1.12",
};

export const inputUnreadable: Rule = {
  id: "input.unreadable",
  severity: "error",
  description:
    "An input could not be read (missing, permission denied, a directory or glob that matched nothing); exit 2.",
  source: "connectpay-cert: a CI job must not pass because it read nothing",
};

const probe = (id: string, description: string): Rule => ({
  id,
  severity: "error",
  description,
  source: "probe (issue 4)",
});

export const PROBE_FINDINGS: Rule[] = [
  probe("net.dns", "The host name does not resolve."),
  probe("net.refused", "Connection refused or host unreachable."),
  probe("net.timeout", "A step exceeded --timeout; the message says which."),
  probe(
    "tls.server-untrusted",
    "The server's certificate fails verification (unknown issuer, name mismatch, expired, …).",
  ),
  probe(
    "tls.client-cert-rejected",
    "The server rejected our certificate: a TLS alert, a reset right after the handshake, or a 400 SSL certificate error page.",
  ),
  probe("tls.handshake-failed", "Any other TLS failure (protocol version, cipher, …), with the OpenSSL reason."),
  probe("auth.rejected", "HTTP 401 on the Basic-auth call: ClientKey/ClientSecret refused."),
  probe("auth.forbidden", "HTTP 403: certificate or DevApp refused at application level (serial + CN, revocation)."),
  probe("http.unexpected-status", "Any other unexpected HTTP status."),
  probe("hosts.not-separated", "The mTLS host served a request made without a client certificate."),
  {
    id: "tls.ca-not-accepted",
    severity: "warning|error",
    description:
      "None of the CA names the server accepts (its CertificateRequest) is an issuer of our chain; an error when the handshake was then refused.",
    source: "RFC 8446 §4.2.4 certificate_authorities / RFC 5246 §7.4.4",
  },
  {
    id: "revocation.revoked",
    severity: "error",
    description: "The OCSP responder (or CRL) says the certificate is revoked; the message gives the time and reason.",
    source: "RFC 6960; ConnectPay checks revocation via the issuer's OCSP service on every request",
  },
  {
    id: "revocation.unknown",
    severity: "warning",
    description: "The OCSP responder does not know the certificate (often a wrong issuer in the chain, or a test CA).",
    source: "RFC 6960 §2.2",
  },
  {
    id: "revocation.unavailable",
    severity: "warning",
    description:
      "Revocation could not be checked: no OCSP URL, responder unreachable, or an unusable answer (bad signature, stale, wrong nonce); the message says which.",
    source: "RFC 6960 §3.2, §4.2.2.1",
  },
];
