import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";

/** How a test token endpoint answers, modelled on what servers in the field do. */
export type OAuthMode =
  /** refuses every client: 401 invalid_client (RFC 6749 §5.2) */
  | "invalid_client"
  /** an RFC 6749 server: good Basic credentials and a bad code give invalid_grant, bad ones invalid_client */
  | "invalid_grant"
  /** answers unsupported_grant_type whatever the credentials (the issue's false "✔ credentials") */
  | "unsupported_grant_type"
  /** never reads Authorization: hands a token to anyone */
  | "ignores-authorization"
  /** never reads Authorization, but answers invalid_grant like a real endpoint would */
  | "ignores-authorization-invalid-grant";

export interface OAuthServer {
  port: number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: object) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

function reply(mode: OAuthMode, authorized: boolean): [number, object] {
  if (mode === "invalid_client") return [401, { error: "invalid_client" }];
  if (mode === "unsupported_grant_type") return [400, { error: "unsupported_grant_type" }];
  if (mode === "ignores-authorization")
    return [200, { token_type: "Bearer", access_token: "issued-to-anyone-123", expires_in: 3600 }];
  if (mode === "ignores-authorization-invalid-grant") return [400, { error: "invalid_grant" }];
  return authorized ? [400, { error: "invalid_grant" }] : [401, { error: "invalid_client" }];
}

function answer(mode: OAuthMode, basic: string, req: IncomingMessage, res: ServerResponse): void {
  const [status, body] = reply(mode, req.headers.authorization === basic);
  json(res, status, body);
}

/** An mTLS token endpoint on 127.0.0.1 that trusts `clientCa` and answers as `mode` says. */
export async function startOAuthServer(
  mode: OAuthMode,
  tls: { certPem: string; keyPem: string; clientCa: string },
  credentials: { key: string; secret: string },
): Promise<OAuthServer> {
  const basic = `Basic ${Buffer.from(`${credentials.key}:${credentials.secret}`).toString("base64")}`;
  const server: Server = createServer(
    { cert: tls.certPem, key: tls.keyPem, ca: [tls.clientCa], requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      req.resume();
      req.on("end", () => answer(mode, basic, req, res));
    },
  );
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
