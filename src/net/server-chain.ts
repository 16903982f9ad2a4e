import { isIP } from "node:net";
import { checkServerIdentity, type DetailedPeerCertificate, connect as tlsConnect } from "node:tls";
import { failureOf, type NetFailure, withTimeout } from "./observation.js";
import { tcpConnect } from "./tcp-connect.js";

/** What a server sent in its handshake: the certificates exactly as sent, leaf first, and how the name matched. */
export type ServerChainResult =
  | {
      ok: true;
      address: string;
      protocol: string;
      /** DER, in the order the server sent them */
      chain: Buffer[];
      /** Node's check of the host name against the leaf's SANs; undefined when it matches */
      nameMismatch?: string;
    }
  | { ok: false; failure: NetFailure };

/** How many certificates are read from one handshake: real servers send 2-4. */
const MAX_CERTS = 16;

/**
 * Connects and reads the server's chain without judging it: trust is left out of this handshake (an empty
 * store, no verification) so that Node does not append a root of its own store to what the server sent.
 * The chain is judged afterwards, in core, like any bundle.
 */
export async function readServerChain(host: string, port: number, timeoutMs: number): Promise<ServerChainResult> {
  const tcp = await tcpConnect(host, port, timeoutMs);
  if (!tcp.ok) return tcp;
  const tls = tlsConnect({
    socket: tcp.socket,
    servername: isIP(host) ? undefined : host,
    rejectUnauthorized: false,
    ca: [],
  });
  try {
    await withTimeout(
      timeoutMs,
      new Promise<void>((resolve, reject) => {
        tls.once("secureConnect", resolve);
        tls.once("error", reject);
      }),
      () => tls.destroy(),
    );
    const peer = tls.getPeerCertificate(true);
    const mismatch = peer.raw ? checkServerIdentity(host, peer) : undefined;
    return {
      ok: true,
      address: tcp.address,
      protocol: tls.getProtocol() ?? "unknown",
      chain: sentChain(peer),
      nameMismatch: mismatch?.message,
    };
  } catch (err) {
    return { ok: false, failure: failureOf(err) };
  } finally {
    tls.destroy();
  }
}

function sentChain(peer: DetailedPeerCertificate): Buffer[] {
  const out: Buffer[] = [];
  let cur: DetailedPeerCertificate | undefined = peer;
  while (cur?.raw && out.length < MAX_CERTS) {
    out.push(cur.raw);
    if (cur.issuerCertificate === cur) break;
    cur = cur.issuerCertificate;
  }
  return out;
}
