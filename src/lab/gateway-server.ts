import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { analyzeChain } from "../core/chain/chain.js";
import { displayText } from "../core/display-text.js";
import { toPem } from "../core/input/pem.js";
import { readBundle } from "../core/input/read-bundle.js";
import { type Registration, registrationOf } from "../core/registration.js";
import { CertCache } from "../core/x509/cert-cache.js";
import type { Certificate } from "../core/x509/certificate.js";
import { createMtlsHandler, type GatewayRules, normaliseSerial, publicHandler } from "./gateway-app.js";
import { ocspRevocationCheck } from "./gateway-ocsp.js";
import { makeServerIdentity } from "./make-certs.js";

export interface GatewayOptions {
  /** PEM bundles whose chains are in the truststore and whose leaves are attached to the DevApp */
  registered: Buffer[];
  revoked?: string[];
  clientKey: string;
  clientSecret: string;
  scopes?: string[];
  /** PEM server certificate and key; without them an ephemeral CA is made */
  server?: { certPem: string; keyPem: string; caPem?: string };
  host?: string;
  mtlsPort?: number;
  publicPort?: number;
  isRevoked?: GatewayRules["isRevoked"];
  /** ask each client certificate's OCSP responder, as ConnectPay's application does */
  ocsp?: boolean;
  /** live Bearer tokens kept at most; the oldest is dropped first */
  maxTokens?: number;
  /** one line per request or refused handshake: accepted, or refused and why */
  log?: (line: string) => void;
}

export interface Gateway {
  mtlsUrl: string;
  publicUrl: string;
  mtlsPort: number;
  publicPort: number;
  /** the CA that signed the server certificate, for `probe --ca` */
  caPem?: string;
  close(): Promise<void>;
}

function trustAndLeaves(bundles: Buffer[]) {
  const trust: string[] = [];
  const cas: Certificate[] = [];
  const registered: Registration[] = [];
  // One gateway start is one run: its bundles share CAs with each other, never with another gateway.
  const cache = new CertCache();
  const seen = new Set<string>();
  for (const [n, bytes] of bundles.entries()) {
    const { entries } = readBundle(bytes, `registered bundle ${n + 1}`, cache);
    const chain = analyzeChain(entries, cache);
    if (chain.path.length === 0) throw new Error(`registered bundle ${n + 1} holds no certificate`);
    const leaf = entries[chain.path[0]].cert;
    registered.push(registrationOf(leaf));
    // Each CA once: the server lists every trusted CA's name in its CertificateRequest.
    for (const i of chain.path.slice(1)) {
      const pem = toPem(entries[i].cert.der);
      if (seen.has(pem)) continue;
      seen.add(pem);
      trust.push(pem);
      cas.push(entries[i].cert);
    }
  }
  return { trust, registered, cas };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

const UNKNOWN_CA = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
]);

/** Why the web server's own check refused a handshake, in the words a user knows; undefined for a bare TCP close. */
function handshakeReason(err: NodeJS.ErrnoException, authorizationError: unknown): string | undefined {
  if (typeof authorizationError === "string") {
    if (UNKNOWN_CA.has(authorizationError))
      return `unknown CA: the client chain does not lead to a registered root (${authorizationError})`;
    if (authorizationError === "CERT_HAS_EXPIRED") return "client certificate expired (CERT_HAS_EXPIRED)";
    return `client certificate not accepted (${displayText(authorizationError)})`;
  }
  if (err.code === "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE") return "no client certificate";
  // A connection closed before any handshake (a port check, probe's connect step) is no request.
  if (err.code === "ECONNRESET") return undefined;
  return displayText(`${err.code ?? "error"}: ${err.message.slice(0, 200)}`);
}

function handshakeLogger(log: (line: string) => void) {
  return (err: NodeJS.ErrnoException, socket: { authorizationError?: unknown }) => {
    const reason = handshakeReason(err, socket.authorizationError);
    if (reason) log(`TLS handshake: refused (${reason})`);
  };
}

/** A ConnectPay-like gateway on loopback: an mTLS host and a separate 1-way host. */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const host = opts.host ?? "127.0.0.1";
  const identity = opts.server ?? (await makeServerIdentity(["localhost", host]));
  const { trust, registered, cas } = trustAndLeaves(opts.registered);
  const rules: GatewayRules = {
    registered,
    revoked: new Set((opts.revoked ?? []).map(normaliseSerial)),
    clientKey: opts.clientKey,
    clientSecret: opts.clientSecret,
    scopes: opts.scopes ?? ["ob-as", "ob-ps"],
    isRevoked: opts.isRevoked ?? (opts.ocsp ? ocspRevocationCheck(cas) : undefined),
    maxTokens: opts.maxTokens,
    log: opts.log,
  };
  const tlsBase = { cert: identity.certPem, key: identity.keyPem };
  // The web-server check: the client chain must end at a root in the truststore and be in date.
  const handler = createMtlsHandler(rules);
  const mtls = createServer({ ...tlsBase, ca: trust, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    handler(req, res).catch(() => {
      opts.log?.(`${displayText(`${req.method} ${(req.url ?? "/").slice(0, 200)}`)}: 500 refused (internal error)`);
      res.writeHead(500).end();
    });
  });
  if (opts.log) mtls.on("tlsClientError", handshakeLogger(opts.log));
  const pub = createServer(tlsBase, (req, res) => publicHandler(req, res, opts.log));
  const mtlsPort = await listen(mtls, opts.mtlsPort ?? 0, host);
  const publicPort = await listen(pub, opts.publicPort ?? 0, host);
  const close = (s: Server) => new Promise<void>((done) => s.close(() => done()).closeAllConnections());
  return {
    mtlsUrl: `https://${host}:${mtlsPort}`,
    publicUrl: `https://${host}:${publicPort}`,
    mtlsPort,
    publicPort,
    caPem: "caPem" in identity ? identity.caPem : undefined,
    close: async () => {
      await Promise.all([close(mtls), close(pub)]);
    },
  };
}
