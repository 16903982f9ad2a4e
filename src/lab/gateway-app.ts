import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { displayText } from "../core/display-text.js";
import { normaliseSerial, type Registration, registrationOf, sameRegistration } from "../core/registration.js";
import { createTokenStore, type TokenStore } from "./token-store.js";

/** The application-level rules of ConnectPay's gateway as documented in docs/connectpay.md. */
export interface GatewayRules {
  /** registered leaves: normalised serial + CN (ConnectPay matches both) */
  registered: Registration[];
  revoked: Set<string>;
  clientKey: string;
  clientSecret: string;
  scopes: string[];
  /** optional revocation lookup (OCSP), run on every request like ConnectPay's application check */
  isRevoked?: (peerDer: Buffer, serial: string) => Promise<boolean>;
  /** live Bearer tokens kept at most (default TOKEN_CAP) */
  maxTokens?: number;
  /** one line per request: accepted, or refused and why */
  log?: (line: string) => void;
}

const TOKEN_TTL_S = 3600;
/** Far more than a rehearsal needs, yet a few MB at most: the gateway answers endless probes in CI. */
export const TOKEN_CAP = 10_000;

export { normaliseSerial };

type Answering = ServerResponse & { logAnswer?: (status: number, body: object) => void };

function send(res: Answering, status: number, body: object, headers: Record<string, string> = {}): void {
  res.logAnswer?.(status, body);
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage, limit = 16 * 1024): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error("body too large");
  }
  return body;
}

/** Why the gateway answered as it did, in a few words, for its request log. */
function reasonOf(status: number, body: { error?: unknown; error_description?: unknown }): string {
  if (status === 401 && body.error === "invalid_client") return "bad credentials (invalid_client)";
  if (typeof body.error_description === "string") return `${String(body.error)}: ${body.error_description}`;
  return typeof body.error === "string" ? body.error : `HTTP ${status}`;
}

/** One line per answered request: what was asked, by which certificate, and what it got. Untrusted parts neutralised. */
function logged(req: IncomingMessage, res: ServerResponse, who: string, log: ((line: string) => void) | undefined) {
  if (!log) return res;
  const what = displayText(`${req.method ?? "?"} ${(req.url ?? "/").slice(0, 200)}`);
  const answer = (status: number, body: object) => {
    const verdict = status < 400 ? "accepted" : `refused (${reasonOf(status, body)})`;
    log(`${what} from ${displayText(who)}: ${status} ${verdict}`);
  };
  return Object.assign(res, { logAnswer: answer });
}

export function createMtlsHandler(rules: GatewayRules) {
  const tokens = createTokenStore({ ttlMs: TOKEN_TTL_S * 1000, max: rules.maxTokens ?? TOKEN_CAP });
  return async (req: IncomingMessage, rawRes: ServerResponse) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const presented = registrationOf({
      serialNumber: peer.serialNumber ?? "",
      subjectCN: String(peer.subject?.CN ?? ""),
    });
    const serial = presented.serial;
    const res = logged(req, rawRes, `CN=${presented.cn} serial ${serial}`, rules.log);
    if (!rules.registered.some((r) => sameRegistration(r, presented)))
      return send(res, 403, {
        error: "access_denied",
        error_description: "certificate is not attached to a DevApp (serial number and CN)",
      });
    const revoked = rules.revoked.has(serial) || (rules.isRevoked ? await rules.isRevoked(peer.raw, serial) : false);
    if (revoked) return send(res, 403, { error: "access_denied", error_description: "certificate is revoked" });
    const url = new URL(req.url ?? "/", "https://gateway");
    if (req.method === "POST" && url.pathname === "/auth/v1/oauth2/token") return token(req, res, rules, tokens);
    if (req.method === "GET" && url.pathname === "/ob/accounts") return accounts(req, res, tokens);
    return send(res, 404, { error: "not_found" });
  };
}

async function token(req: IncomingMessage, res: ServerResponse, rules: GatewayRules, tokens: TokenStore) {
  const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
  const [key, ...rest] = Buffer.from(auth?.[1] ?? "", "base64")
    .toString("utf8")
    .split(":");
  if (!auth || key !== rules.clientKey || !sameSecret(rest.join(":"), rules.clientSecret))
    return send(res, 401, { error: "invalid_client" }, { "www-authenticate": 'Basic realm="ConnectPay"' });
  if (!req.headers["x-request-id"])
    return send(res, 400, { error: "invalid_request", error_description: "X-Request-ID header is required" });
  const form = new URLSearchParams(await readBody(req));
  const grant = form.get("grant_type");
  // RFC 6749 §4.1.3 and §5.2: a missing code is invalid_request; a code we never issued is invalid_grant.
  if (grant === "authorization_code" && !form.get("code")) return send(res, 400, { error: "invalid_request" });
  if (grant === "authorization_code" && form.get("code") !== "demo-auth-code")
    return send(res, 400, { error: "invalid_grant" });
  if (grant !== "client_credentials" && grant !== "authorization_code")
    return send(res, 400, { error: "unsupported_grant_type" });
  const access = randomBytes(24).toString("base64url");
  tokens.issue(access, rules.scopes);
  send(res, 200, {
    token_type: "Bearer",
    access_token: access,
    refresh_token: randomBytes(24).toString("base64url"),
    expires_in: TOKEN_TTL_S,
    scope: rules.scopes.join(" "),
    refresh_token_expires_in: 86_400,
  });
}

function accounts(req: IncomingMessage, res: ServerResponse, tokens: TokenStore) {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  const t = bearer ? tokens.get(bearer) : undefined;
  if (!t) return send(res, 401, { error: "invalid_token" }, { "www-authenticate": "Bearer" });
  if (!t.scope.includes("ob-as")) return send(res, 403, { error: "insufficient_scope", scope: "ob-as" });
  send(res, 200, { accounts: [{ id: "acc-1", iban: "LT000000000000000001", currency: "EUR" }] });
}

/** The 1-way host: reachable without a client certificate, but it serves no certificate-protected API. */
export function publicHandler(req: IncomingMessage, rawRes: ServerResponse, log?: (line: string) => void): void {
  const res = logged(req, rawRes, "a client on the 1-way host", log);
  const path = new URL(req.url ?? "/", "https://gateway").pathname;
  if (path === "/") send(res, 200, { service: "connectpay-cert gateway, 1-way TLS host" });
  else
    send(res, 404, { error: "not_found", error_description: "certificate-protected APIs are only on the mTLS host" });
}
