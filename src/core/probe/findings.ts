import { displayText } from "../display-text.js";
import { type Finding, type FindingId, finding } from "../findings/finding.js";
import type { ContextualId } from "../findings/registry.js";

/**
 * How a step ended. "warning": it got through on incomplete evidence; "not-checked": it ran but could
 * check nothing; "not-run": an earlier step it needs did not pass.
 */
export type StepStatus = "passed" | "failed" | "warning" | "not-checked" | "not-run";

/** One timed probe step, as reported in `probe --json`'s `steps`. */
export interface StepRecord {
  id: string;
  ok: boolean;
  status: StepStatus;
  ms: number;
  detail: string;
}

/** A failed network step as the net layer observed it (see src/net/observation.ts). */
export interface FailureFacts {
  code: string;
  message: string;
  alert?: string;
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]);
const REFUSED_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ERR_SSL_WRONG_VERSION_NUMBER_RESET", "ECONNABORTED"]);

/** Node's verification codes for the *server's* certificate (OpenSSL X509_V_ERR_* names). */
const SERVER_TRUST: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its issuer is not in the trusted CAs (unknown issuer)",
  UNABLE_TO_GET_ISSUER_CERT: "its issuer is not in the trusted CAs (unknown issuer)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "its issuer is not in the trusted CAs (unknown issuer)",
  SELF_SIGNED_CERT_IN_CHAIN: "it chains to a self-signed root that is not trusted",
  DEPTH_ZERO_SELF_SIGNED_CERT: "it is self-signed",
  CERT_HAS_EXPIRED: "it has expired",
  CERT_NOT_YET_VALID: "it is not yet valid",
  ERR_TLS_CERT_ALTNAME_INVALID: "its names do not include the host name (name mismatch)",
  CERT_SIGNATURE_FAILURE: "its signature does not verify",
  CERT_REVOKED: "it is revoked",
};

/** TLS alerts a server sends when it refuses the client certificate, and the likely cause of each. */
const CLIENT_CERT_ALERTS: Record<string, string> = {
  unknown_ca:
    "the server does not trust the CA that issued your certificate. Most often ConnectPay has not added your chain to its truststore yet, or you present a different chain than the one you sent",
  bad_certificate:
    "the server could not validate your certificate: often a missing intermediate, a wrong order, or a certificate it cannot parse",
  certificate_expired: "the server says your certificate (or one in its chain) has expired",
  certificate_revoked: "the server says your certificate is revoked; get a new one and send it to ConnectPay",
  certificate_unknown:
    "the server refused your certificate for an unspecified reason (often a purpose/EKU or chain problem)",
  unsupported_certificate:
    "the server cannot use your certificate for client authentication (check the clientAuth EKU and key usage)",
  certificate_required:
    "the server wanted a client certificate and got none: check that --cert and --key were loaded and match",
  access_denied: "the server refused access after checking your certificate (application-level refusal)",
  decrypt_error: "the handshake signature did not verify: the private key probably does not belong to the certificate",
};

/** Probe findings carry no certificate index: they are about the connection, not one certificate. */
function probeFinding(id: Exclude<FindingId, ContextualId>, message: string, hint: string): Finding {
  return finding(id, { message, hint });
}

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
  return probeFinding(
    "net.timeout",
    `The ${step} step got no answer within ${ms} ms.`,
    TIMEOUT_HINTS[phase] ?? TIMEOUT_HINTS["DNS/TCP connect"],
  );
}

export function connectFinding(host: string, port: number, f: FailureFacts, timeoutMs: number): Finding {
  if (f.code === "TIMEOUT" || f.code === "ETIMEDOUT") return timeoutFinding("DNS/TCP connect", timeoutMs);
  if (DNS_CODES.has(f.code))
    return probeFinding(
      "net.dns",
      `The host name ${host} does not resolve (${f.code}).`,
      "Check the spelling, --env and --host, and this machine's DNS.",
    );
  if (REFUSED_CODES.has(f.code))
    return probeFinding(
      "net.refused",
      `Nothing accepts connections on ${host}:${port} (${f.code}).`,
      "Check the host and port; ConnectPay's mTLS hosts listen on 443.",
    );
  return probeFinding(
    "net.refused",
    `Could not connect to ${host}:${port}: ${f.message} (${f.code}).`,
    "Check the network path to the host.",
  );
}

/** Classifies a TLS failure, during the handshake or on the first read after it (TLS 1.3). */
export function tlsFinding(f: FailureFacts, timeoutMs: number, step: string): Finding {
  if (f.code === "TIMEOUT") return timeoutFinding(step, timeoutMs);
  const trust = SERVER_TRUST[f.code];
  if (trust)
    return probeFinding(
      "tls.server-untrusted",
      `The server's certificate failed verification: ${trust} (${f.code}).`,
      "If this is a test gateway, pass its CA with --ca; otherwise you may not be talking to ConnectPay.",
    );
  if (f.alert && CLIENT_CERT_ALERTS[f.alert])
    return probeFinding(
      "tls.client-cert-rejected",
      `The server rejected the client certificate with TLS alert ${f.alert}: ${CLIENT_CERT_ALERTS[f.alert]}.`,
      "Run `connectpay-cert check` on the bundle, and confirm with ConnectPay support that this exact chain (serial and CN) is registered.",
    );
  if (RESET_CODES.has(f.code))
    return probeFinding(
      "tls.client-cert-rejected",
      `The server closed the connection right after the handshake (${f.code}): servers do this when they refuse a client certificate.`,
      "Confirm with ConnectPay support that this chain is registered for your DevApp, and run `connectpay-cert check` on it.",
    );
  return probeFinding(
    "tls.handshake-failed",
    `The TLS handshake failed: ${f.message}${f.alert ? ` (alert ${f.alert})` : ""} (${f.code}).`,
    f.alert === "handshake_failure"
      ? "No common protocol or cipher, or (with TLS 1.2) a missing client certificate; check the bundle and key."
      : "Check the protocol versions and ciphers both sides allow.",
  );
}

const OAUTH_ERRORS =
  /"error"\s*:\s*"(invalid_grant|unsupported_grant_type|invalid_request|invalid_scope|unauthorized_client)"/;
const NGINX_CERT_PAGE = /SSL certificate error|No required SSL certificate was sent|The SSL certificate error/i;

/**
 * The server's own words, RFC 6749 §5.2's `error_description`: shown without --verbose because it is often
 * the most precise reason there is. Untrusted text, so bounded and with every control character made visible.
 */
export function serverSays(body: string): string {
  let description: unknown;
  try {
    description = (JSON.parse(body) as { error_description?: unknown })?.error_description;
  } catch {
    return "";
  }
  if (typeof description !== "string" || !description.trim()) return "";
  const text = displayText(description.trim());
  return ` The server said: "${text.length > 300 ? `${text.slice(0, 300)}…` : text}".`;
}

/** Judges the Basic-auth response. `tokenCall` is the default POST to the token endpoint. */
export function httpFinding(status: number, body: string, tokenCall: boolean): Finding | undefined {
  const f = httpProblem(status, body, tokenCall);
  return f && { ...f, message: f.message + serverSays(body) };
}

function httpProblem(status: number, body: string, tokenCall: boolean): Finding | undefined {
  if (status === 400 && NGINX_CERT_PAGE.test(body))
    return probeFinding(
      "tls.client-cert-rejected",
      "The server answered 400 with an SSL certificate error page: the web server refused the client certificate.",
      "Run `connectpay-cert check` on the bundle and confirm the chain is registered with ConnectPay.",
    );
  if (status === 401 || (tokenCall && oauthError(body) === "invalid_client"))
    return probeFinding(
      "auth.rejected",
      `HTTP ${status}${status === 401 ? "" : " invalid_client"}: TLS worked, but the ClientKey/ClientSecret were refused.`,
      "Copy ClientKey and ClientSecret again from your DevApp on the DevPortal (stage and production differ).",
    );
  if (status === 403)
    return probeFinding(
      "auth.forbidden",
      "HTTP 403: the certificate or DevApp was refused at application level. ConnectPay matches the serial number and CN of the certificate attached to your DevApp, and checks revocation.",
      "Make sure the certificate you present is the one attached to the DevApp (a renewed certificate must be sent again).",
    );
  if (status >= 200 && status < 300) return undefined;
  if (tokenCall && status === 400 && OAUTH_ERRORS.test(body)) return undefined;
  return probeFinding(
    "http.unexpected-status",
    `HTTP ${status} was not expected here.`,
    "Check --path and --method; run with --verbose to see the response.",
  );
}

/** The `error` field of an OAuth error response (RFC 6749 §5.2), if the body has one. */
export function oauthError(body: string): string | undefined {
  return /"error"\s*:\s*"([A-Za-z_]+)"/.exec(body)?.[1];
}

/** TLS got through; the answer does not show whether the credentials were checked (RFC 6749 §5.2). */
export function unconfirmedFinding(why: string, tokenCall: boolean): Finding {
  return probeFinding(
    "auth.unconfirmed",
    `TLS works; the credentials could not be confirmed: ${why}.`,
    tokenCall
      ? "Ask ConnectPay support whether this endpoint checks the ClientKey/ClientSecret."
      : "Omit --path: the token endpoint's answer shows whether the credentials were checked.",
  );
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
  return probeFinding(
    "hosts.not-separated",
    `The mTLS host ${host} answered HTTP ${status} to a request made without a client certificate.${seen}.`,
    "Check --host: the mTLS host is api-stage.connectpay.com (stage) or api.connectpay.com (production).",
  );
}

/** The handshake completed without a CertificateRequest: the client certificate was never presented. */
export function certNotRequestedFinding(host: string, port: number): Finding {
  return probeFinding(
    "tls.cert-not-requested",
    `The server at ${host}:${port} completed the TLS handshake without asking for a client certificate: is it a 1-way host? Your certificate was never presented, so this run shows nothing about it.`,
    "Check --host: ConnectPay's mTLS hosts are api-stage.connectpay.com (stage) and api.connectpay.com (production); the 1-way hosts (api2…) never ask for a certificate.",
  );
}
