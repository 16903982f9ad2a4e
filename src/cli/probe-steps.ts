import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { ChainAnalysis } from "../core/chain.js";
import { caNamesVerdict, listedCaNames, revocationVerdict } from "../core/probe/bundle-verdict.js";
import type { ProbeConfig } from "../core/probe/config.js";
import type { CaNamesEvidence } from "../core/probe/outcome.js";
import type { NetworkStepId } from "../core/probe/plan.js";
import {
  connectVerdict,
  handshakeVerdict,
  httpVerdict,
  publicVerdict,
  type StepVerdict,
  separationVerdict,
} from "../core/probe/verdict.js";
import type { BundleEntry } from "../core/read-bundle.js";
import type { Deadline } from "../net/deadline.js";
import { httpOverTls } from "../net/http-call.js";
import { requestWithoutCert } from "../net/request-without-cert.js";
import { tcpConnect } from "../net/tcp-connect.js";
import { tlsHandshake } from "../net/tls-connect.js";
import { buildCall, logCall, redactBody } from "./probe-call.js";

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

/** What the steps share while they run: the bundle as check parsed it, and the connection so far. */
export interface ProbeSession {
  inputs: ProbeInputs;
  reporter: StepReporter;
  at: Date;
  parsed: { entries: BundleEntry[]; chain: ChainAnalysis };
  socket?: Socket;
  secure?: TLSSocket;
  caNames?: CaNamesEvidence;
  /** --allow-private-urls: the revocation step may fetch from loopback, link-local, private addresses */
  allowPrivateUrls: boolean;
  /** the running step's time limit (--timeout), set by probe-runner.ts */
  deadline?: Deadline;
}

async function revocation(s: ProbeSession): Promise<StepVerdict> {
  const { pathRevocation } = await import("./run-revocation.js");
  const { timeoutMs } = s.inputs.config;
  // One limit for the whole step: every certificate's OCSP POST, GET fallback and redirects share it.
  const fetch = { timeoutMs, deadline: s.deadline, allowPrivate: s.allowPrivateUrls };
  return revocationVerdict(await pathRevocation(s.parsed, s.at, fetch));
}

/** The CA names the mTLS server lists as acceptable, kept to compare with the chain we present. */
async function caNames(s: ProbeSession): Promise<StepVerdict> {
  const { acceptableCaNames } = await import("../net/openssl-ca-names.js");
  const { mtls, timeoutMs } = s.inputs.config;
  const result = await acceptableCaNames(mtls.host, mtls.port, timeoutMs);
  const names = listedCaNames(result);
  for (const n of names) s.reporter.verbose(`  acceptable CA: ${n}`);
  if (names.length) s.caNames = { names, chain: s.parsed.chain.path.map((i) => s.parsed.entries[i].cert) };
  return caNamesVerdict(result);
}

async function connect(s: ProbeSession): Promise<StepVerdict> {
  const { mtls, timeoutMs } = s.inputs.config;
  const res = await tcpConnect(mtls.host, mtls.port, timeoutMs);
  if (res.ok) s.socket = res.socket;
  return connectVerdict(res, mtls, timeoutMs);
}

async function handshake(s: ProbeSession): Promise<StepVerdict> {
  const { inputs } = s;
  const res = await tlsHandshake(s.socket as Socket, {
    host: inputs.config.mtls.host,
    cert: inputs.certPem,
    key: inputs.keyPem,
    ca: inputs.caPem,
    timeoutMs: inputs.config.timeoutMs,
    minVersion: inputs.tlsVersion,
    maxVersion: inputs.tlsVersion,
  });
  if (res.ok) s.secure = res.socket;
  return handshakeVerdict(res, inputs.config.timeoutMs);
}

/** The Basic-auth call over the mTLS connection. */
async function http(s: ProbeSession): Promise<StepVerdict> {
  const { inputs, reporter } = s;
  const call = buildCall(inputs, inputs.config.mtls, true);
  logCall(reporter, call);
  const res = await httpOverTls(s.secure as TLSSocket, call, inputs.config.timeoutMs);
  if (res.ok) {
    reporter.verbose(`< HTTP ${res.status} ${res.contentType}`);
    if (res.body) reporter.verbose(`< ${redactBody(res.body)}`);
  }
  return httpVerdict(res, inputs.request.tokenCall, inputs.config.timeoutMs);
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
  return separationVerdict(obs, config.mtls, config.timeoutMs);
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
