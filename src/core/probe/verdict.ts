import type { Finding } from "../findings/finding.js";
import { certNotRequestedFinding, notSeparatedFinding } from "../findings/probe.js";
import { connectFinding, httpFinding, tlsFinding } from "./classify.js";
import type { HostPort } from "./config.js";
import { credentialsVerdict } from "./credentials.js";
import type { FailureFacts, StepStatus } from "./step.js";

/**
 * What one probe step means: passed or not, its one-line detail, and its findings. `status` tells a
 * step that checked nothing, or passed on incomplete evidence, from one that passed.
 */
export interface StepVerdict {
  ok: boolean;
  detail: string;
  findings: Finding[];
  status?: StepStatus;
}

type Failed = { ok: false; failure: FailureFacts };
/** What src/net/tcp-connect.ts, tls-connect.ts and http-call.ts observed, as far as judging needs it. */
export type ConnectObservation = { ok: true; address: string } | Failed;
export type HandshakeObservation = { ok: true; protocol: string; cipher: string; serverChain: string[] } | Failed;
export type HttpObservation = { ok: true; status: number; body: string } | Failed;
/** A request made without a client certificate, as far as it got. */
export type UncertifiedObservation =
  | { stage: "connect" | "tls" | "http"; failure: FailureFacts }
  | { stage: "answered"; protocol: string; status: number; body: string };

export const passed = (detail: string): StepVerdict => ({ ok: true, detail, findings: [] });
/** The step ran but could not check anything: never shown as passed. */
export const unchecked = (detail: string): StepVerdict => ({ ok: true, status: "not-checked", detail, findings: [] });
/** The step got through, but what it saw is not enough to call it passed. */
export const warned = (detail: string, findings: Finding[]): StepVerdict => ({
  ok: true,
  status: "warning",
  detail,
  findings,
});
export const statusOf = (v: StepVerdict): StepStatus => v.status ?? (v.ok ? "passed" : "failed");
const failed = (finding: Finding, detail = finding.message): StepVerdict => ({
  ok: false,
  detail,
  findings: [finding],
});

export function connectVerdict(obs: ConnectObservation, host: HostPort, timeoutMs: number): StepVerdict {
  if (!obs.ok) return failed(connectFinding(host.host, host.port, obs.failure, timeoutMs));
  return passed(`connected to ${obs.address}:${host.port}`);
}

/**
 * The handshake with the client certificate. `requested` is whether the ca-names step saw the server's
 * CertificateRequest (undefined when it could not look): a handshake the server never asked a
 * certificate in shows nothing about the certificate, so it is no pass.
 */
export function handshakeVerdict(
  obs: HandshakeObservation,
  timeoutMs: number,
  host: HostPort,
  requested: boolean | undefined,
): StepVerdict {
  if (!obs.ok) return failed(tlsFinding(obs.failure, timeoutMs, "TLS handshake"));
  const detail = `${obs.protocol}, ${obs.cipher}; server chain ${obs.serverChain.join(" → ")}; verified`;
  if (requested === false)
    return failed(certNotRequestedFinding(host.host, host.port), `${detail}; no client certificate asked for`);
  if (requested === undefined)
    return warned(`${detail}; not seen whether the server asked for the client certificate`, []);
  return passed(`${detail}; the server asked for a client certificate`);
}

/**
 * The Basic-auth call. `tokenCall` is the default POST to the token endpoint; `bare` is the same request
 * made without an Authorization header, when one was needed to tell whether the credentials were read.
 */
export function httpVerdict(
  obs: HttpObservation,
  bare: HttpObservation | undefined,
  tokenCall: boolean,
  timeoutMs: number,
): StepVerdict {
  if (!obs.ok) return failed(tlsFinding(obs.failure, timeoutMs, "HTTP request"));
  const problem = httpFinding(obs.status, obs.body, tokenCall);
  if (problem) return failed(problem, `HTTP ${obs.status}`);
  return credentialsVerdict(obs, bare, tokenCall);
}

/** The 1-way host must answer without a client certificate. */
export function publicVerdict(obs: UncertifiedObservation, host: HostPort, timeoutMs: number): StepVerdict {
  if (obs.stage === "answered") return passed(`${obs.protocol}, server verified, HTTP ${obs.status}`);
  if (obs.stage === "connect") return failed(connectFinding(host.host, host.port, obs.failure, timeoutMs));
  const step = obs.stage === "tls" ? "1-way TLS handshake" : "1-way HTTP request";
  return failed(tlsFinding(obs.failure, timeoutMs, step));
}

/** The mTLS host must refuse a request without a client certificate: in the handshake, or with a 400 page. */
export function separationVerdict(
  obs: UncertifiedObservation,
  host: HostPort,
  timeoutMs: number,
  requested?: boolean,
): StepVerdict {
  if (obs.stage === "connect") return failed(connectFinding(host.host, host.port, obs.failure, timeoutMs));
  if (obs.stage !== "answered") return refusedOrFailed(obs.failure, timeoutMs);
  if (obs.status === 400 && /SSL certificate/i.test(obs.body)) return passed("HTTP 400 certificate required");
  return failed(notSeparatedFinding(host.host, obs.status, requested));
}

function refusedOrFailed(failure: FailureFacts, t: number): StepVerdict {
  const f = tlsFinding(failure, t, "separation check");
  if (f.id === "tls.client-cert-rejected")
    return passed(`refused without a certificate (${failure.alert ?? failure.code})`);
  return failed(f);
}
