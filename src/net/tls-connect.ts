import type { Socket } from "node:net";
import { isIP } from "node:net";
import { type PeerCertificate, type TLSSocket, connect as tlsConnect } from "node:tls";
import { failureOf, type NetFailure, withTimeout } from "./observation.js";

export interface TlsOptions {
  host: string;
  /** PEM: leaf then intermediates; absent for a 1-way connection */
  cert?: string;
  key?: string;
  /** PEM trust for the server's certificate; undefined = Node's Mozilla store */
  ca?: string;
  timeoutMs: number;
  minVersion?: "TLSv1.2" | "TLSv1.3";
  maxVersion?: "TLSv1.2" | "TLSv1.3";
}

export type TlsResult =
  | { ok: true; socket: TLSSocket; protocol: string; cipher: string; serverChain: string[] }
  | { ok: false; failure: NetFailure };

function chainOf(peer: PeerCertificate & { issuerCertificate?: PeerCertificate }): string[] {
  const out: string[] = [];
  let cur: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = peer;
  while (cur?.subject && out.length < 10) {
    out.push(cur.subject.CN ? `CN=${cur.subject.CN}` : JSON.stringify(cur.subject));
    if (cur.issuerCertificate === cur) break;
    cur = cur.issuerCertificate;
  }
  return out;
}

function openTls(socket: Socket, opts: TlsOptions): TLSSocket {
  return tlsConnect({
    socket,
    servername: isIP(opts.host) ? undefined : opts.host,
    cert: opts.cert,
    key: opts.key,
    ca: opts.ca,
    rejectUnauthorized: true,
    minVersion: opts.minVersion,
    maxVersion: opts.maxVersion,
    ALPNProtocols: ["http/1.1"],
  });
}

/** The TLS handshake on an open socket. The server's certificate is always verified (rejectUnauthorized). */
export async function tlsHandshake(socket: Socket, opts: TlsOptions): Promise<TlsResult> {
  let tls: TLSSocket;
  try {
    tls = openTls(socket, opts);
  } catch (err) {
    // A key that does not match the certificate is refused before any byte is sent; the TCP socket
    // would otherwise stay open and keep the process alive.
    socket.destroy();
    return { ok: false, failure: failureOf(err) };
  }
  try {
    await withTimeout(
      opts.timeoutMs,
      new Promise<void>((resolve, reject) => {
        tls.once("secureConnect", resolve);
        tls.once("error", reject);
      }),
      () => tls.destroy(),
    );
    if (tls.getProtocol() === "TLSv1.3" && opts.cert) await settle(tls, Math.min(opts.timeoutMs, 1000));
    tls.removeAllListeners("error");
    return {
      ok: true,
      socket: tls,
      protocol: tls.getProtocol() ?? "unknown",
      cipher: tls.getCipher()?.name ?? "unknown",
      serverChain: chainOf(tls.getPeerCertificate(true)),
    };
  } catch (err) {
    tls.destroy();
    return { ok: false, failure: failureOf(err) };
  }
}

/**
 * With TLS 1.3 the server judges our certificate after we consider the handshake done (RFC 8446
 * §4.4.2.4). A server that accepts it sends session tickets; one that refuses sends an alert and
 * closes. Waiting for either before writing lets us read the alert instead of a bare connection reset.
 */
function settle(tls: TLSSocket, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    const cleanup = () => {
      clearTimeout(timer);
      tls.off("session", done);
      tls.off("error", fail);
      tls.off("end", closed);
    };
    function done() {
      cleanup();
      // 'session' fires inside the TLS read; writing from that same tick stalls the socket.
      setImmediate(resolve);
    }
    function fail(err: Error) {
      cleanup();
      reject(err);
    }
    // Node's own TLS server closes without an alert when it refuses the certificate.
    function closed() {
      fail(
        Object.assign(new Error("the server closed the connection right after the handshake"), { code: "ECONNRESET" }),
      );
    }
    tls.once("session", done);
    tls.once("error", fail);
    tls.once("end", closed);
  });
}
