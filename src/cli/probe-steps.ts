import { randomUUID } from "node:crypto";
import type { Finding } from "../core/finding.js";
import type { HostPort, ProbeConfig } from "../core/probe-config.js";
import {
  connectFinding,
  httpFinding,
  notSeparatedFinding,
  type StepRecord,
  tlsFinding,
} from "../core/probe-findings.js";
import { type HttpCall, httpOverTls } from "../net/http-call.js";
import { tcpConnect } from "../net/tcp-connect.js";
import { type TlsOptions, tlsHandshake } from "../net/tls-connect.js";

export interface StepReporter {
  start(label: string): void;
  stop(ok: boolean, text: string): void;
  verbose(line: string): void;
}

export interface ProbeRequest {
  method: string;
  path: string;
  tokenCall: boolean;
}

export interface ProbeInputs {
  config: ProbeConfig;
  /** leaf and intermediates, PEM */
  certPem: string;
  keyPem: string;
  caPem?: string;
  clientKey: string;
  secret: string;
  request: ProbeRequest;
  tlsVersion?: "TLSv1.2" | "TLSv1.3";
}

export interface ProbeRun {
  steps: StepRecord[];
  findings: Finding[];
  /** what the server's CertificateRequest listed, when it could be read */
  acceptableCaNames?: string[];
}

type Outcome = { ok: true; detail: string } | { ok: false; finding: Finding; detail?: string };

async function step(run: ProbeRun, reporter: StepReporter, id: string, label: string, work: () => Promise<Outcome>) {
  reporter.start(label);
  const started = performance.now();
  const outcome = await work();
  const ms = Math.round(performance.now() - started);
  const detail = outcome.ok ? outcome.detail : (outcome.detail ?? outcome.finding.message);
  run.steps.push({ id, ok: outcome.ok, ms, detail });
  if (!outcome.ok) run.findings.push(outcome.finding);
  reporter.stop(outcome.ok, `${label}: ${detail}`);
  return outcome.ok;
}

function basicAuth(inputs: ProbeInputs): string {
  return `Basic ${Buffer.from(`${inputs.clientKey}:${inputs.secret}`).toString("base64")}`;
}

function buildCall(inputs: ProbeInputs, host: HostPort, auth: boolean): HttpCall {
  const { method, path, tokenCall } = inputs.request;
  const headers: Record<string, string> = { "x-request-id": randomUUID(), "user-agent": "connectpay-cert probe" };
  if (auth) headers.authorization = basicAuth(inputs);
  const body = tokenCall ? "grant_type=client_credentials" : undefined;
  if (body) headers["content-type"] = "application/x-www-form-urlencoded";
  return { method, path, host: host.port === 443 ? host.host : `${host.host}:${host.port}`, headers, body };
}

function logCall(reporter: StepReporter, call: HttpCall): void {
  reporter.verbose(`> ${call.method} ${call.path} HTTP/1.1`);
  for (const [k, v] of Object.entries(call.headers))
    reporter.verbose(`> ${k}: ${k === "authorization" ? `${v.split(" ")[0]} ****` : v}`);
}

/** Redacts token values before a response body is shown with --verbose. */
function redactBody(body: string): string {
  return body.replace(/("(?:access_token|refresh_token|id_token)"\s*:\s*")[^"]*"/g, '$1****"').slice(0, 500);
}

/** The mTLS steps: TCP connect, handshake with the client certificate, the Basic-auth call. */
export async function probeMtls(inputs: ProbeInputs, reporter: StepReporter, run: ProbeRun): Promise<void> {
  const { mtls } = inputs.config;
  const t = inputs.config.timeoutMs;
  let socket: import("node:net").Socket | undefined;
  const connected = await step(run, reporter, "connect", `DNS and TCP ${mtls.host}:${mtls.port}`, async () => {
    const res = await tcpConnect(mtls.host, mtls.port, t);
    if (!res.ok) return { ok: false, finding: connectFinding(mtls.host, mtls.port, res.failure, t) };
    socket = res.socket;
    return { ok: true, detail: `connected to ${res.address}:${mtls.port}` };
  });
  if (!connected || !socket) return;
  const tlsOpts: TlsOptions = {
    host: mtls.host,
    cert: inputs.certPem,
    key: inputs.keyPem,
    ca: inputs.caPem,
    timeoutMs: t,
    minVersion: inputs.tlsVersion,
    maxVersion: inputs.tlsVersion,
  };
  let tlsSocket: import("node:tls").TLSSocket | undefined;
  const open = socket;
  const handshaken = await step(run, reporter, "tls", "TLS handshake with the client certificate", async () => {
    const res = await tlsHandshake(open, tlsOpts);
    if (!res.ok) return { ok: false, finding: tlsFinding(res.failure, t, "TLS handshake") };
    tlsSocket = res.socket;
    return {
      ok: true,
      detail: `${res.protocol}, ${res.cipher}; server chain ${res.serverChain.join(" → ")}; verified`,
    };
  });
  if (!handshaken || !tlsSocket) return;
  const secure = tlsSocket;
  await step(run, reporter, "http", `Basic-auth ${inputs.request.method} ${inputs.request.path}`, async () => {
    const call = buildCall(inputs, mtls, true);
    logCall(reporter, call);
    const res = await httpOverTls(secure, call, t);
    if (!res.ok) return { ok: false, finding: tlsFinding(res.failure, t, "HTTP request") };
    reporter.verbose(`< HTTP ${res.status} ${res.contentType}`);
    if (res.body) reporter.verbose(`< ${redactBody(res.body)}`);
    const problem = httpFinding(res.status, res.body, inputs.request.tokenCall);
    if (problem) return { ok: false, finding: problem, detail: `HTTP ${res.status}` };
    return { ok: true, detail: `HTTP ${res.status}: TLS and credentials got through${oauthNote(res.body)}` };
  });
}

function oauthNote(body: string): string {
  const m = /"error"\s*:\s*"([a-z_]+)"/.exec(body);
  return m ? ` (OAuth answered ${m[1]}, as expected for this probe)` : "";
}

/** The 1-way host answers without a client certificate; the mTLS host must not. */
export async function probePublic(inputs: ProbeInputs, reporter: StepReporter, run: ProbeRun): Promise<void> {
  const pub = inputs.config.public;
  if (!pub) return;
  const t = inputs.config.timeoutMs;
  await step(run, reporter, "public", `1-way TLS ${pub.host}:${pub.port} without a client certificate`, async () => {
    const conn = await tcpConnect(pub.host, pub.port, t);
    if (!conn.ok) return { ok: false, finding: connectFinding(pub.host, pub.port, conn.failure, t) };
    const tls = await tlsHandshake(conn.socket, { host: pub.host, ca: inputs.caPem, timeoutMs: t });
    if (!tls.ok) return { ok: false, finding: tlsFinding(tls.failure, t, "1-way TLS handshake") };
    const res = await httpOverTls(tls.socket, { method: "GET", path: "/", host: pub.host, headers: {} }, t);
    if (!res.ok) return { ok: false, finding: tlsFinding(res.failure, t, "1-way HTTP request") };
    return { ok: true, detail: `${tls.protocol}, server verified, HTTP ${res.status}` };
  });
  const { mtls } = inputs.config;
  await step(run, reporter, "separation", `${mtls.host} refuses requests without a client certificate`, async () => {
    const conn = await tcpConnect(mtls.host, mtls.port, t);
    if (!conn.ok) return { ok: false, finding: connectFinding(mtls.host, mtls.port, conn.failure, t) };
    const tls = await tlsHandshake(conn.socket, { host: mtls.host, ca: inputs.caPem, timeoutMs: t });
    if (!tls.ok) return refusedOrFailed(tls.failure, t);
    const res = await httpOverTls(tls.socket, buildCall(inputs, mtls, false), t);
    if (!res.ok) return refusedOrFailed(res.failure, t);
    if (res.status === 400 && /SSL certificate/i.test(res.body))
      return { ok: true, detail: "HTTP 400 certificate required" };
    return { ok: false, finding: notSeparatedFinding(mtls.host, res.status) };
  });
}

function refusedOrFailed(failure: { code: string; message: string; alert?: string }, t: number): Outcome {
  const f = tlsFinding(failure, t, "separation check");
  if (f.id === "tls.client-cert-rejected")
    return { ok: true, detail: `refused without a certificate (${failure.alert ?? failure.code})` };
  return { ok: false, finding: f };
}

/** ConnectPay's application checks revocation with the issuer's OCSP service on every request. */
export async function probeRevocation(
  bundle: Buffer,
  at: Date,
  timeoutMs: number,
  reporter: StepReporter,
  run: ProbeRun,
) {
  const { bundleRevocation } = await import("./revocation.js");
  reporter.start("Revocation (OCSP) of the leaf and intermediates");
  const started = performance.now();
  const result = await bundleRevocation(bundle, at, timeoutMs);
  const ok = !result.findings.some((f) => f.severity === "error");
  const detail = result.details.join("; ") || result.findings.map((f) => f.message).join(" ");
  run.steps.push({ id: "revocation", ok, ms: Math.round(performance.now() - started), detail });
  run.findings.push(...result.findings);
  reporter.stop(ok, `revocation: ${detail}`);
}

/** The CA names the mTLS server lists as acceptable, compared with the chain we are about to send. */
export async function probeCaNames(bundle: Buffer, inputs: ProbeInputs, reporter: StepReporter, run: ProbeRun) {
  const { acceptableCaNames } = await import("../net/openssl-ca-names.js");
  const { caNamesFinding } = await import("../core/ca-names-match.js");
  const { readBundle } = await import("../core/read-bundle.js");
  const { analyzeChain } = await import("../core/chain.js");
  const { mtls, timeoutMs } = inputs.config;
  reporter.start("CA names the server accepts");
  const started = performance.now();
  const result = await acceptableCaNames(mtls.host, mtls.port, timeoutMs);
  let detail: string;
  if (!result.available) detail = `not checked: ${result.reason}`;
  else if (!result.requested) detail = "the server did not ask for a client certificate";
  else if (result.names.length === 0) detail = "the server asks for a client certificate without naming CAs";
  else {
    detail = `${result.names.length} acceptable CA name(s)`;
    for (const n of result.names) reporter.verbose(`  acceptable CA: ${n}`);
    const { entries } = readBundle(bundle, "bundle");
    const finding = caNamesFinding(
      result.names,
      analyzeChain(entries).path.map((i) => entries[i].cert),
      false,
    );
    if (finding) run.findings.push(finding);
    run.acceptableCaNames = result.names;
  }
  run.steps.push({ id: "ca-names", ok: true, ms: Math.round(performance.now() - started), detail });
  reporter.stop(true, `ca-names: ${detail}`);
}
