import { displayText } from "../display-text.js";
import type { Finding } from "../findings/finding.js";
import {
  authRejectedFinding,
  clientCertRejectedFinding,
  dnsFinding,
  forbiddenFinding,
  handshakeFailedFinding,
  refusedFinding,
  serverUntrustedFinding,
  timeoutFinding,
  unexpectedStatusFinding,
} from "../findings/probe.js";
import type { FailureFacts } from "./step.js";

// Which probe finding an observed failure is. The findings' messages are built in src/core/findings/probe.ts.

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

export function connectFinding(host: string, port: number, f: FailureFacts, timeoutMs: number): Finding {
  if (f.code === "TIMEOUT" || f.code === "ETIMEDOUT") return timeoutFinding("DNS/TCP connect", timeoutMs);
  if (DNS_CODES.has(f.code)) return dnsFinding(host, f.code);
  if (REFUSED_CODES.has(f.code)) return refusedFinding(host, port, f.code);
  return refusedFinding(host, port, f.code, f.message);
}

/** Classifies a TLS failure, during the handshake or on the first read after it (TLS 1.3). */
export function tlsFinding(f: FailureFacts, timeoutMs: number, step: string): Finding {
  if (f.code === "TIMEOUT") return timeoutFinding(step, timeoutMs);
  const trust = SERVER_TRUST[f.code];
  if (trust) return serverUntrustedFinding(trust, f.code);
  if (f.alert && CLIENT_CERT_ALERTS[f.alert])
    return clientCertRejectedFinding({ alert: f.alert, cause: CLIENT_CERT_ALERTS[f.alert] });
  if (RESET_CODES.has(f.code)) return clientCertRejectedFinding({ reset: f.code });
  return handshakeFailedFinding(f.message, f.code, f.alert);
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

/** Judges the Basic-auth response, with the server's own reason when it gave one. */
export function httpFinding(status: number, body: string, tokenCall: boolean): Finding | undefined {
  const f = httpProblem(status, body, tokenCall);
  return f && { ...f, message: f.message + serverSays(body) };
}

function httpProblem(status: number, body: string, tokenCall: boolean): Finding | undefined {
  if (status === 400 && NGINX_CERT_PAGE.test(body)) return clientCertRejectedFinding({ page: true });
  if (status === 401 || (tokenCall && oauthError(body) === "invalid_client")) return authRejectedFinding(status);
  if (status === 403) return forbiddenFinding();
  if (status >= 200 && status < 300) return undefined;
  if (tokenCall && status === 400 && OAUTH_ERRORS.test(body)) return undefined;
  return unexpectedStatusFinding(status);
}

/** The `error` field of an OAuth error response (RFC 6749 §5.2), if the body has one. */
export function oauthError(body: string): string | undefined {
  return /"error"\s*:\s*"([A-Za-z_]+)"/.exec(body)?.[1];
}
