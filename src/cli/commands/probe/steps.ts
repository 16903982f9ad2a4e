import type { TLSSocket } from "node:tls";
import type { ChainAnalysis } from "../../../core/chain/chain.js";
import type { BundleEntry } from "../../../core/input/read-bundle.js";
import { caNamesVerdict, listedCaNames, revocationVerdict } from "../../../core/probe/bundle-verdict.js";
import type { ProbeConfig } from "../../../core/probe/config.js";
import { needsBareRequest } from "../../../core/probe/credentials.js";
import type { CaNamesEvidence } from "../../../core/probe/outcome.js";
import type { NetworkStepId } from "../../../core/probe/plan.js";
import type { StepStatus } from "../../../core/probe/step.js";
import {
  connectVerdict,
  type HttpObservation,
  handshakeVerdict,
  httpVerdict,
  publicVerdict,
  type StepVerdict,
  separationVerdict,
} from "../../../core/probe/verdict.js";
import type { OfflineCrls } from "../../../core/revocation/plan.js";
import type { Deadline } from "../../../net/deadline.js";
import { type HttpCall, httpOverTls } from "../../../net/http-call.js";
import { requestWithoutCert } from "../../../net/request-without-cert.js";
import { tcpConnect } from "../../../net/tcp-connect.js";
import { tlsHandshake } from "../../../net/tls-connect.js";
import type { SecretMask } from "../../scrubbing-io.js";
import { buildCall, logCall, redactBody } from "./call.js";

export interface StepReporter {
  start(label: string): void;
  stop(status: StepStatus, text: string): void;
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
  /** every spelling of the secret, made once per run: the verbose log masks each body with it */
  mask: SecretMask;
}

/** What the steps share while they run: the bundle as check parsed it, and the connection so far. */
export interface ProbeSession {
  inputs: ProbeInputs;
  reporter: StepReporter;
  at: Date;
  parsed: { entries: BundleEntry[]; chain: ChainAnalysis };
  secure?: TLSSocket;
  caNames?: CaNamesEvidence;
  /** whether the ca-names step saw a CertificateRequest; undefined when it could not look */
  certRequested?: boolean;
  /** --allow-private-urls: the revocation step may fetch from loopback, link-local, private addresses */
  allowPrivateUrls: boolean;
  /** `--crl-file`: CRLs that answer before the network is asked */
  offline?: OfflineCrls;
  /** the running step's time limit (--timeout), set by probe-runner.ts */
  deadline?: Deadline;
}

async function revocation(s: ProbeSession): Promise<StepVerdict> {
  const { pathRevocation } = await import("../../run-revocation.js");
  const { timeoutMs } = s.inputs.config;
  // One limit for the whole step: every certificate's OCSP POST, GET fallback and redirects share it.
  const fetch = { timeoutMs, deadline: s.deadline, allowPrivate: s.allowPrivateUrls };
  return revocationVerdict(await pathRevocation(s.parsed, s.at, fetch, { offline: s.offline }));
}

/** The CA names the mTLS server lists as acceptable, kept to compare with the chain we present. */
async function caNames(s: ProbeSession): Promise<StepVerdict> {
  const { acceptableCaNames } = await import("../../../net/openssl-ca-names.js");
  const { mtls, timeoutMs } = s.inputs.config;
  const result = await acceptableCaNames(mtls.host, mtls.port, timeoutMs);
  const names = listedCaNames(result);
  if (result.available) s.certRequested = result.requested;
  for (const n of names) s.reporter.verbose(`  acceptable CA: ${n}`);
  if (names.length) s.caNames = { names, chain: s.parsed.chain.path.map((i) => s.parsed.entries[i].cert) };
  return caNamesVerdict(result);
}

/**
 * Reachability only: the socket is closed again, because ca-names (next) connects on its own and a
 * one-connection-at-a-time server (openssl s_server) would wait on an idle socket we hold.
 */
async function connect(s: ProbeSession): Promise<StepVerdict> {
  const { mtls, timeoutMs } = s.inputs.config;
  const res = await tcpConnect(mtls.host, mtls.port, timeoutMs);
  if (res.ok) res.socket.destroy();
  return connectVerdict(res, mtls, timeoutMs);
}

/** A new TCP connection and the TLS handshake with the client certificate on it. */
async function openMtls(inputs: ProbeInputs) {
  const { mtls, timeoutMs } = inputs.config;
  const tcp = await tcpConnect(mtls.host, mtls.port, timeoutMs);
  if (!tcp.ok) return tcp;
  return tlsHandshake(tcp.socket, {
    host: inputs.config.mtls.host,
    cert: inputs.certPem,
    key: inputs.keyPem,
    ca: inputs.caPem,
    timeoutMs: inputs.config.timeoutMs,
    minVersion: inputs.tlsVersion,
    maxVersion: inputs.tlsVersion,
  });
}

async function handshake(s: ProbeSession): Promise<StepVerdict> {
  const res = await openMtls(s.inputs);
  const { mtls, timeoutMs } = s.inputs.config;
  const verdict = handshakeVerdict(res, timeoutMs, mtls, s.certRequested);
  // The http step uses the connection only after a passed handshake; an idle one would block a
  // one-connection-at-a-time server (openssl s_server) for the steps after.
  if (res.ok && verdict.ok) s.secure = res.socket;
  else if (res.ok) res.socket.destroy();
  return verdict;
}

async function exchange(s: ProbeSession, socket: TLSSocket, call: HttpCall): Promise<HttpObservation> {
  logCall(s.reporter, call);
  const res = await httpOverTls(socket, call, s.inputs.config.timeoutMs);
  if (res.ok) {
    s.reporter.verbose(`< HTTP ${res.status} ${res.contentType}`);
    if (res.body) s.reporter.verbose(`< ${redactBody(res.body, s.inputs.mask)}`);
  }
  return res;
}

/** The same request without an Authorization header, on a new mTLS connection (the first one is closed). */
async function bareExchange(s: ProbeSession): Promise<HttpObservation> {
  const tls = await openMtls(s.inputs);
  if (!tls.ok) return tls;
  return exchange(s, tls.socket, buildCall(s.inputs, s.inputs.config.mtls, false));
}

/** The Basic-auth call over the mTLS connection, and the same call without credentials when it is needed. */
async function http(s: ProbeSession): Promise<StepVerdict> {
  const { inputs } = s;
  const res = await exchange(s, s.secure as TLSSocket, buildCall(inputs, inputs.config.mtls, true));
  const bare = needsBareRequest(res, inputs.request.tokenCall) ? await bareExchange(s) : undefined;
  return httpVerdict(res, bare, inputs.request.tokenCall, inputs.config.timeoutMs);
}

async function publicHost(s: ProbeSession): Promise<StepVerdict> {
  const { config, caPem } = s.inputs;
  const pub = config.public ?? config.mtls;
  const call = { method: "GET", path: "/", host: pub.host, headers: {} };
  return publicVerdict(await requestWithoutCert(pub, call, caPem, config.timeoutMs), pub, config.timeoutMs);
}

async function separation(s: ProbeSession): Promise<StepVerdict> {
  const { config, caPem } = s.inputs;
  const call = buildCall(s.inputs, config.mtls, false);
  const obs = await requestWithoutCert(config.mtls, call, caPem, config.timeoutMs);
  return separationVerdict(obs, config.mtls, config.timeoutMs, s.certRequested);
}

/** The I/O behind each planned step; src/core/probe/ says what runs when and what it means. */
export const EXECUTORS: Record<NetworkStepId, (s: ProbeSession) => Promise<StepVerdict>> = {
  revocation,
  "ca-names": caNames,
  connect,
  tls: handshake,
  http,
  public: publicHost,
  separation,
};
