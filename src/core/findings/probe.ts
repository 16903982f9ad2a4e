import type { FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/**
 * What `probe` observes on the network: connection, TLS handshake, HTTP answers. The messages are built below;
 * src/core/probe/classify.ts and ca-names-match.ts decide which one an observation is.
 */
export const PROBE_FINDINGS = {
  "net.dns": { severity: "error" },
  "net.refused": { severity: "error" },
  "net.timeout": { severity: "error" },
  "tls.server-untrusted": { severity: "error" },
  "tls.client-cert-rejected": { severity: "error" },
  "tls.cert-not-requested": { severity: "error" },
  "tls.handshake-failed": { severity: "error" },
  "auth.rejected": { severity: "error" },
  "auth.unconfirmed": { severity: "warning" },
  "auth.forbidden": { severity: "error" },
  "http.unexpected-status": { severity: "error" },
  "hosts.not-separated": { severity: "error" },
  "tls.ca-not-accepted": {
    severity: "warning",
    escalation: { severity: "error", when: "when the handshake was then refused" },
  },
} as const satisfies Record<string, FindingEntry>;

/** The texts of PROBE_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const PROBE_TEXTS = (): GroupTexts<typeof PROBE_FINDINGS> => ({
  "net.dns": {
    title: "Host name does not resolve",
    summary: "the host name does not resolve",
    description: "The host name does not resolve.",
    why: "No connection to ConnectPay, so nothing else can be tested.",
    fix: "typo in `--host`/`--env`, or this machine's DNS",
    source: "what the server answered to `probe`",
    example: "The host name api-stage.connectpay.example does not resolve (ENOTFOUND).",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "net.refused": {
    title: "Connection refused",
    summary: "connection refused / unreachable",
    description: "Connection refused or host unreachable.",
    why: "No connection to ConnectPay, so nothing else can be tested.",
    fix: "wrong port or host; firewall",
    source: "what the server answered to `probe`",
    example: "Nothing accepts connections on 127.0.0.1:8443 (ECONNREFUSED).",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "net.timeout": {
    title: "Timed out",
    summary: "a step exceeded `--timeout` (the message names the step)",
    description: "A step exceeded --timeout; the message says which.",
    why: "A step that never answers tells nothing about the certificate; the message names the step to look at.",
    fix: "a firewall dropping packets, a proxy, or a slow network",
    source: "what the server answered to `probe`",
    example: "The TLS handshake step got no answer within 10000 ms.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "tls.server-untrusted": {
    title: "Server certificate untrusted",
    summary: "the server's certificate fails verification (unknown issuer, name mismatch, expired, …)",
    description: "The server's certificate fails verification (unknown issuer, name mismatch, expired, …).",
    why: "Verification is never turned off: a server that fails it may not be ConnectPay.",
    fix: "pass the test gateway's CA with `--ca`; otherwise you may not be talking to ConnectPay",
    source: "what the server answered to `probe`",
    example:
      "The server's certificate failed verification: it chains to a self-signed root that is not trusted (SELF_SIGNED_CERT_IN_CHAIN).",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "tls.client-cert-rejected": {
    title: "Client certificate rejected",
    summary:
      'the server refused our certificate: a TLS alert (`unknown_ca`, `bad_certificate`, `certificate_expired`, `certificate_revoked`, `certificate_required`, `access_denied`, `decrypt_error`, …), a reset right after the handshake, or a 400 "SSL certificate error" page',
    description:
      "The server rejected our certificate: a TLS alert, a reset right after the handshake, or a 400 SSL certificate error page.",
    why: "ConnectPay's web server checks the certificate and chain on every request (ConnectPay's API documentation, Certificates); this is its refusal.",
    fix: "`unknown_ca` usually means ConnectPay has not added your chain to its truststore yet; the message names the alert and its likely cause",
    source: "what the server answered to `probe`",
    example:
      "The server rejected the client certificate with TLS alert unknown_ca: the server does not trust the CA that issued your certificate. Most often ConnectPay has not added your chain to its truststore yet, or you present a different chain than the one you sent.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "tls.cert-not-requested": {
    title: "Server did not ask for a client certificate",
    summary: "the handshake completed without a CertificateRequest: the client certificate was never presented",
    description:
      "The TLS handshake completed, but the server sent no CertificateRequest, so the client certificate was never presented and nothing about it was tested.",
    why: "ConnectPay's mTLS hosts ask for a client certificate on every connection; its 1-way hosts never do (ConnectPay's integration guide, Hostnames).",
    fix: "`--host` points at a 1-way host or a server without client authentication",
    source: "RFC 8446 §4.3.2, RFC 5246 §7.4.4 (CertificateRequest)",
    example:
      "The server at api2-stage.connectpay.com:443 completed the TLS handshake without asking for a client certificate: is it a 1-way host? Your certificate was never presented, so this run shows nothing about it.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "tls.handshake-failed": {
    title: "TLS handshake failed",
    summary: "any other TLS failure (protocol version, cipher, …) with the OpenSSL reason",
    description: "Any other TLS failure (protocol version, cipher, …), with the OpenSSL reason.",
    why: "No TLS session with ConnectPay, so the certificate was never judged.",
    fix: "check `--tls` and what the server allows",
    source: "what the server answered to `probe`",
    example:
      "The TLS handshake failed: no shared cipher (alert handshake_failure) (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE).",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "auth.rejected": {
    title: "ClientKey/ClientSecret refused",
    summary: "HTTP 401 on the Basic-auth call",
    description: "HTTP 401 on the Basic-auth call: ClientKey/ClientSecret refused.",
    why: "TLS worked; ConnectPay's Basic auth on top of it did not (ConnectPay's API documentation, Authentication).",
    fix: "ClientKey/ClientSecret wrong, or stage vs production mixed up",
    source: "what the server answered to `probe`",
    example: "HTTP 401: TLS worked, but the ClientKey/ClientSecret were refused.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "auth.unconfirmed": {
    title: "Credentials not confirmed",
    summary:
      "TLS works; the answer does not show whether the ClientKey/ClientSecret were checked (the message says why)",
    description:
      "TLS works, but the answer does not show that the server checked the ClientKey/ClientSecret: the token endpoint answered something other than RFC 6749 §5.2's invalid_grant for a made-up code, or the same request without an Authorization header got the same answer.",
    why: "Only invalid_client (refused) and invalid_grant (client authenticated, code refused) say what happened to the credentials (RFC 6749 §5.2); a server that answers the same without them never read them.",
    fix: "probe the token endpoint (no `--path`), or ask ConnectPay support which endpoint checks the credentials",
    source: "RFC 6749 §5.2, §2.3.1",
    example:
      "TLS works; the credentials could not be confirmed: the token endpoint answered unsupported_grant_type, which it may say without checking the client (RFC 6749 §5.2).",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "auth.forbidden": {
    title: "Refused at application level",
    summary: "HTTP 403",
    description: "HTTP 403: certificate or DevApp refused at application level (serial + CN, revocation).",
    why: "ConnectPay's application matches the certificate to the DevApp by serial and CN and checks revocation (ConnectPay's API documentation, Certificates).",
    fix: "the certificate is not the one attached to the DevApp (serial + CN), or it is revoked",
    source: "what the server answered to `probe`",
    example:
      "HTTP 403: the certificate or DevApp was refused at application level. ConnectPay matches the serial number and CN of the certificate attached to your DevApp, and checks revocation.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "http.unexpected-status": {
    title: "Unexpected HTTP status",
    summary: "any other unexpected status",
    description: "Any other unexpected HTTP status.",
    why: "ConnectPay publishes no health endpoint, so the probe classifies whatever comes back (ConnectPay's API documentation, Authentication).",
    fix: "check `--path`/`--method`; `--verbose` shows the response",
    source: "what the server answered to `probe`",
    example: "HTTP 500 was not expected here.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "hosts.not-separated": {
    title: "Hosts not separated",
    summary: "the mTLS host served a request without a client certificate",
    description: "The mTLS host served a request made without a client certificate.",
    why: "ConnectPay's 1-way and 2-way hosts are mutually exclusive (ConnectPay's integration guide, Hostnames); a host that answers without a certificate is not the mTLS host.",
    fix: "`--host` points at a 1-way host",
    source: "what the server answered to `probe`",
    example:
      "The mTLS host api-stage.connectpay.com answered HTTP 200 to a request made without a client certificate. ConnectPay keeps 1-way and 2-way hosts apart, so this is probably not the mTLS host.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
  "tls.ca-not-accepted": {
    title: "CA not accepted by the server",
    summary: "none of the CA names in the server's CertificateRequest is an issuer of your chain; both sides are named",
    description:
      "None of the CA names the server accepts (its CertificateRequest) is an issuer of our chain; an error when the handshake was then refused.",
    why: "Support adds your chain to the gateway truststores (ConnectPay's API documentation, Certificates); until then the server does not name your CA.",
    fix: 'the usual reason a freshly sent chain "doesn\'t work yet": ConnectPay has not added it to the truststore',
    source: "RFC 8446 §4.2.4 certificate_authorities / RFC 5246 §7.4.4",
    example:
      "The server accepts client certificates from 1 CA(s) (CN = Other Root CA), and none of them is an issuer of your chain, which ends at CN=Demo Root CA. This is the usual reason a freshly sent chain \"doesn't work yet\": it has not been added to the server's truststore.",
    exampleFrom: { test: "probe" },
    group: "probe",
  },
});

const finding = findingsOf(PROBE_FINDINGS);

// Probe findings carry no certificate index: they are about the connection, not one certificate.

/** What a timeout means depends on how far the connection got, so each step gets its own next step. */
const TIMEOUT_HINTS: Record<string, string> = {
  "DNS/TCP connect": "Check the host and port, a firewall or proxy on the way, or raise --timeout.",
  "TLS handshake":
    "TCP connected but TLS never finished: is the port TLS (not plain HTTP), or a proxy holding it? Or raise --timeout.",
  "HTTP request":
    "TLS worked, so host, port and network path are fine: check --path and --method, raise --timeout, or ask ConnectPay support whether the API is up.",
};

export function timeoutFinding(step: string, ms: number): Finding {
  const phase = /HTTP|separation/.test(step) ? "HTTP request" : /TLS/.test(step) ? "TLS handshake" : step;
  return finding("net.timeout", {
    message: `The ${step} step got no answer within ${ms} ms.`,
    hint: TIMEOUT_HINTS[phase] ?? TIMEOUT_HINTS["DNS/TCP connect"],
  });
}

export function dnsFinding(host: string, code: string): Finding {
  return finding("net.dns", {
    message: `The host name ${host} does not resolve (${code}).`,
    hint: "Check the spelling, --env and --host, and this machine's DNS.",
  });
}

/** Nothing listens (`refused`), or the connection failed some other way (`failed`: the system's message). */
export function refusedFinding(host: string, port: number, code: string, failed?: string): Finding {
  return finding(
    "net.refused",
    failed === undefined
      ? {
          message: `Nothing accepts connections on ${host}:${port} (${code}).`,
          hint: "Check the host and port; ConnectPay's mTLS hosts listen on 443.",
        }
      : {
          message: `Could not connect to ${host}:${port}: ${failed} (${code}).`,
          hint: "Check the network path to the host.",
        },
  );
}

/** `reason`: what Node's verification code means for the server's certificate. */
export function serverUntrustedFinding(reason: string, code: string): Finding {
  return finding("tls.server-untrusted", {
    message: `The server's certificate failed verification: ${reason} (${code}).`,
    hint: "If this is a test gateway, pass its CA with --ca; otherwise you may not be talking to ConnectPay.",
  });
}

/** How the server refused the client certificate: a TLS alert (and its likely cause), a reset, or an error page. */
export type Refusal = { alert: string; cause: string } | { reset: string } | { page: true };

export function clientCertRejectedFinding(how: Refusal): Finding {
  if ("alert" in how)
    return finding("tls.client-cert-rejected", {
      message: `The server rejected the client certificate with TLS alert ${how.alert}: ${how.cause}.`,
      hint: "Run `connectpay-cert check` on the bundle, and confirm with ConnectPay support that this exact chain (serial and CN) is registered.",
    });
  if ("reset" in how)
    return finding("tls.client-cert-rejected", {
      message: `The server closed the connection right after the handshake (${how.reset}): servers do this when they refuse a client certificate.`,
      hint: "Confirm with ConnectPay support that this chain is registered for your DevApp, and run `connectpay-cert check` on it.",
    });
  return finding("tls.client-cert-rejected", {
    message:
      "The server answered 400 with an SSL certificate error page: the web server refused the client certificate.",
    hint: "Run `connectpay-cert check` on the bundle and confirm the chain is registered with ConnectPay.",
  });
}

export function handshakeFailedFinding(reason: string, code: string, alert?: string): Finding {
  return finding("tls.handshake-failed", {
    message: `The TLS handshake failed: ${reason}${alert ? ` (alert ${alert})` : ""} (${code}).`,
    hint:
      alert === "handshake_failure"
        ? "No common protocol or cipher, or (with TLS 1.2) a missing client certificate; check the bundle and key."
        : "Check the protocol versions and ciphers both sides allow.",
  });
}

/** A 401, or the token endpoint's invalid_client (RFC 6749 §5.2) with another status. */
export function authRejectedFinding(status: number): Finding {
  return finding("auth.rejected", {
    message: `HTTP ${status}${status === 401 ? "" : " invalid_client"}: TLS worked, but the ClientKey/ClientSecret were refused.`,
    hint: "Copy ClientKey and ClientSecret again from your DevApp on the DevPortal (stage and production differ).",
  });
}

export function forbiddenFinding(): Finding {
  return finding("auth.forbidden", {
    message:
      "HTTP 403: the certificate or DevApp was refused at application level. ConnectPay matches the serial number and CN of the certificate attached to your DevApp, and checks revocation.",
    hint: "Make sure the certificate you present is the one attached to the DevApp (a renewed certificate must be sent again).",
  });
}

export function unexpectedStatusFinding(status: number): Finding {
  return finding("http.unexpected-status", {
    message: `HTTP ${status} was not expected here.`,
    hint: "Check --path and --method; run with --verbose to see the response.",
  });
}

/** TLS got through; the answer does not show whether the credentials were checked (RFC 6749 §5.2). */
export function unconfirmedFinding(why: string, tokenCall: boolean): Finding {
  return finding("auth.unconfirmed", {
    message: `TLS works; the credentials could not be confirmed: ${why}.`,
    hint: tokenCall
      ? "Ask ConnectPay support whether this endpoint checks the ClientKey/ClientSecret."
      : "Omit --path: the token endpoint's answer shows whether the credentials were checked.",
  });
}

/**
 * The mTLS host answered without a client certificate. `requested` is what the ca-names step saw: a host
 * that asks for a certificate but serves requests without one is not a 1-way host, it only does not insist.
 */
export function notSeparatedFinding(host: string, status: number, requested?: boolean): Finding {
  const seen =
    requested === true
      ? " It asks for a client certificate but does not require one"
      : requested === false
        ? " It did not ask for a client certificate either, so it looks like a 1-way host"
        : " ConnectPay keeps 1-way and 2-way hosts apart, so this is probably not the mTLS host";
  return finding("hosts.not-separated", {
    message: `The mTLS host ${host} answered HTTP ${status} to a request made without a client certificate.${seen}.`,
    hint: "Check --host: the mTLS host is api-stage.connectpay.com (stage) or api.connectpay.com (production).",
  });
}

/** The handshake completed without a CertificateRequest: the client certificate was never presented. */
export function certNotRequestedFinding(host: string, port: number): Finding {
  return finding("tls.cert-not-requested", {
    message: `The server at ${host}:${port} completed the TLS handshake without asking for a client certificate: is it a 1-way host? Your certificate was never presented, so this run shows nothing about it.`,
    hint: "Check --host: ConnectPay's mTLS hosts are api-stage.connectpay.com (stage) and api.connectpay.com (production); the 1-way hosts (api2…) never ask for a certificate.",
  });
}

/** `names`: the CA names the server accepts; `top`: the subject our chain ends at; an error once the handshake was refused. */
export function caNotAcceptedFinding(names: string[], top: string, refused: boolean): Finding {
  return finding(
    "tls.ca-not-accepted",
    {
      message: `The server accepts client certificates from ${names.length} CA(s) (${names.slice(0, 3).join("; ")}${names.length > 3 ? "; …" : ""}), and none of them is an issuer of your chain, which ends at ${top}. This is the usual reason a freshly sent chain "doesn't work yet": it has not been added to the server's truststore.`,
      hint: "Ask ConnectPay support to confirm that your chain (root and intermediate) is in the gateway truststores, or check that you present the chain you registered.",
    },
    refused ? "error" : "warning",
  );
}
