import type { HostPort } from "../core/probe/config.js";
import type { UncertifiedObservation } from "../core/probe/verdict.js";
import { type HttpCall, httpOverTls } from "./http-call.js";
import { tcpConnect } from "./tcp-connect.js";
import { tlsHandshake } from "./tls-connect.js";

/** Connect, handshake without a client certificate and make one request; says how far it got. */
export async function requestWithoutCert(
  target: HostPort,
  call: HttpCall,
  ca: string | undefined,
  timeoutMs: number,
): Promise<UncertifiedObservation> {
  const conn = await tcpConnect(target.host, target.port, timeoutMs);
  if (!conn.ok) return { stage: "connect", failure: conn.failure };
  const tls = await tlsHandshake(conn.socket, { host: target.host, ca, timeoutMs });
  if (!tls.ok) return { stage: "tls", failure: tls.failure };
  const res = await httpOverTls(tls.socket, call, timeoutMs);
  if (!res.ok) return { stage: "http", failure: res.failure };
  return { stage: "answered", protocol: tls.protocol, status: res.status, body: res.body };
}
