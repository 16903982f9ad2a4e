import { oauthError, unconfirmedFinding } from "./findings.js";
import type { HttpObservation, StepVerdict } from "./verdict.js";

interface Answer {
  status: number;
  body: string;
}

/**
 * RFC 6749 §5.2: invalid_grant (the code was refused) and unauthorized_client (the grant type was) are
 * only said to a client that authenticated. Every other answer to a made-up code proves nothing.
 */
const AFTER_CLIENT_AUTH = new Set(["invalid_grant", "unauthorized_client"]);

/** Why an answer to the token call does not show the credentials were checked; undefined when it does. */
function tokenDoubt(answer: Answer): string | undefined {
  const error = oauthError(answer.body);
  if (error && AFTER_CLIENT_AUTH.has(error)) return undefined;
  if (answer.status >= 200 && answer.status < 300)
    return `the token endpoint answered HTTP ${answer.status} to an authorization code that cannot be valid, which an OAuth 2.0 token endpoint never does (RFC 6749 §4.1.3)`;
  if (error)
    return `the token endpoint answered ${error}, which RFC 6749 §5.2 allows before or without checking the client; only invalid_client or invalid_grant says what happened to the credentials`;
  return `the token endpoint's HTTP ${answer.status} is not an RFC 6749 §5.2 error response`;
}

/** Whether the same request without an Authorization header is needed to tell if the credentials were read. */
export function needsBareRequest(obs: HttpObservation, tokenCall: boolean): boolean {
  return obs.ok && (!tokenCall || tokenDoubt(obs) === undefined);
}

const shape = (a: Answer) => `HTTP ${a.status}${oauthError(a.body) ? ` ${oauthError(a.body)}` : ""}`;

/**
 * Credentials count as confirmed only with evidence: for the token call, an answer only an authenticated
 * client gets; and in every case, a different answer when the same request carries no credentials.
 */
export function credentialsVerdict(answer: Answer, bare: HttpObservation | undefined, tokenCall: boolean): StepVerdict {
  const unconfirmed = (why: string) => ({
    ok: true,
    status: "warning" as const,
    detail: `${shape(answer)}: TLS works; credentials not confirmed`,
    findings: [unconfirmedFinding(why, tokenCall)],
  });
  const doubt = tokenCall ? tokenDoubt(answer) : undefined;
  if (doubt) return unconfirmed(doubt);
  if (!bare?.ok)
    return unconfirmed(
      `the same request without an Authorization header, made to compare, failed${bare ? ` (${bare.failure.code})` : ""}`,
    );
  if (shape(bare) === shape(answer))
    return unconfirmed(
      `the same request without an Authorization header got the same answer (${shape(answer)}), so the server did not check them`,
    );
  const meaning = tokenCall ? "the client authenticated and only the made-up code was refused" : "credentials checked";
  return { ok: true, detail: `${shape(answer)}: ${meaning}; without credentials: ${shape(bare)}`, findings: [] };
}
