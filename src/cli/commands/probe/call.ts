import { randomUUID } from "node:crypto";
import type { HostPort } from "../../../core/probe/config.js";
import type { HttpCall } from "../../../net/http-call.js";
import type { SecretMask } from "../../scrubbing-io.js";
import type { ProbeInputs, StepReporter } from "./steps.js";

function basicAuth(inputs: ProbeInputs): string {
  return `Basic ${Buffer.from(`${inputs.clientKey}:${inputs.secret}`).toString("base64")}`;
}

/**
 * A code no authorization server issued: with good credentials an RFC 6749 token endpoint answers
 * invalid_grant (§5.2), with bad ones invalid_client, so the answer says what happened to the credentials.
 */
const IMPOSSIBLE_CODE = "connectpay-cert-probe-not-a-real-code";

/**
 * The request probe makes: the token call as ConnectPay documents it (docs/connectpay.md §1, Authentication
 * on top of TLS) by default, or --method/--path; with Basic auth when asked.
 */
export function buildCall(inputs: ProbeInputs, host: HostPort, auth: boolean): HttpCall {
  const { method, path, tokenCall } = inputs.request;
  const headers: Record<string, string> = { "x-request-id": randomUUID(), "user-agent": "connectpay-cert probe" };
  if (auth) headers.authorization = basicAuth(inputs);
  const body = tokenCall ? `grant_type=authorization_code&code=${IMPOSSIBLE_CODE}` : undefined;
  if (body) headers["content-type"] = "application/x-www-form-urlencoded";
  return { method, path, host: host.port === 443 ? host.host : `${host.host}:${host.port}`, headers, body };
}

export function logCall(reporter: StepReporter, call: HttpCall): void {
  reporter.verbose(`> ${call.method} ${call.path} HTTP/1.1`);
  for (const [k, v] of Object.entries(call.headers))
    reporter.verbose(`> ${k}: ${k === "authorization" ? `${v.split(" ")[0]} ****` : v}`);
}

/**
 * Redacts token values and the ClientSecret before a response body is shown with --verbose. Masked first,
 * then cut: cut first, a secret echoed across the cut lost its tail and no longer matched its mask.
 */
export function redactBody(body: string, mask: SecretMask): string {
  return mask(body.replace(/("(?:access_token|refresh_token|id_token)"\s*:\s*")[^"]*"/g, '$1****"')).slice(0, 500);
}
