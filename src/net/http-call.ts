import { request } from "node:http";
import type { TLSSocket } from "node:tls";
import { failureOf, type NetFailure, withTimeout } from "./observation.js";

export interface HttpCall {
  method: string;
  path: string;
  host: string;
  headers: Record<string, string>;
  body?: string;
}

export type HttpResult =
  | { ok: true; status: number; contentType: string; body: string }
  | { ok: false; failure: NetFailure };

const MAX_BODY = 64 * 1024;

/** One HTTP/1.1 request over an established TLS socket. With TLS 1.3 a rejected client
 * certificate only shows up here, as an alert on the first read (RFC 8446 §4.4.2.4). */
export async function httpOverTls(socket: TLSSocket, call: HttpCall, timeoutMs: number): Promise<HttpResult> {
  const req = request({
    createConnection: () => socket,
    method: call.method,
    path: call.path,
    headers: { host: call.host, connection: "close", ...call.headers },
  });
  try {
    return await withTimeout(
      timeoutMs,
      new Promise<HttpResult>((resolve, reject) => {
        req.once("error", reject);
        req.once("response", (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size <= MAX_BODY) chunks.push(c);
          });
          res.on("end", () =>
            resolve({
              ok: true,
              status: res.statusCode ?? 0,
              contentType: String(res.headers["content-type"] ?? ""),
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          res.on("error", reject);
        });
        req.end(call.body);
      }),
      () => req.destroy(),
    );
  } catch (err) {
    req.destroy();
    return { ok: false, failure: failureOf(err) };
  } finally {
    socket.destroy();
  }
}
