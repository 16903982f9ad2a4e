import type { Finding } from "../findings/finding.js";
import { unconfirmedFinding } from "../findings/probe.js";
import { oauthError, serverSays } from "./classify.js";

const withServerWords = (f: Finding, body: string): Finding => ({ ...f, message: f.message + serverSays(body) });

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
    return `the token endpoint accepted a made-up authorization code (HTTP ${answer.status}), which RFC 6749 §4.1.3 forbids`;
  if (error)
    return `the token endpoint answered ${error}, which it may say without checking the client (RFC 6749 §5.2)`;
  return `HTTP ${answer.status} is no RFC 6749 §5.2 error response`;
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
    findings: [withServerWords(unconfirmedFinding(why, tokenCall), answer.body)],
  });
  const doubt = tokenCall ? tokenDoubt(answer) : undefined;
  if (doubt) return unconfirmed(doubt);
  if (!bare?.ok)
    return unconfirmed(`the same request without credentials failed${bare ? ` (${bare.failure.code})` : ""}`);
  if (shape(bare) === shape(answer))
    return unconfirmed(
      `the same request without credentials got the same answer (${shape(answer)}): the server did not check them`,
    );
  const meaning = tokenCall ? "the client authenticated and only the made-up code was refused" : "credentials checked";
  return { ok: true, detail: `${shape(answer)}: ${meaning}; without credentials: ${shape(bare)}`, findings: [] };
}
