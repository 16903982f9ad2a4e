import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const AIA_FETCH_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 1024 * 1024, maxRedirects: 3 };

export interface FetchRequest {
  limits: FetchLimits;
  /** GET follows redirects; a POST does not (its body would have to be sent again), so a 3xx is a status */
  method?: "GET" | "POST";
  body?: Buffer;
  headers?: Record<string, string | number>;
}

export type FetchFailureKind = "scheme" | "network" | "timeout" | "status" | "too-large" | "redirects";

/** What one fetch saw: the body from the final URL, or why there is none. Judged in src/core. */
export type FetchObservation =
  | { ok: true; url: string; status: number; body: Buffer }
  | { ok: false; url: string; kind: FetchFailureKind; message: string; status?: number };

type Hop = FetchObservation | { redirect: string };

const failed = (url: string, kind: FetchFailureKind, message: string, status?: number): FetchObservation => ({
  ok: false,
  url,
  kind,
  message,
  status,
});

/** The one HTTP client for AIA, OCSP and CRL: a time limit per hop, a size limit and bounded redirects. */
export async function httpFetch(url: string, request: FetchRequest): Promise<FetchObservation> {
  const follow = (request.method ?? "GET") === "GET";
  let current = url;
  try {
    let target = new URL(url);
    for (let hop = 0; hop <= request.limits.maxRedirects; hop++) {
      current = target.href;
      const res = await send(target, request, follow);
      if (!("redirect" in res)) return res;
      target = new URL(res.redirect, target);
    }
  } catch (err) {
    return failed(current, "network", (err as Error).message);
  }
  return failed(current, "redirects", `more than ${request.limits.maxRedirects} redirects`);
}

function send(url: URL, request: FetchRequest, follow: boolean): Promise<Hop> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.resolve(failed(url.href, "scheme", `unsupported URL scheme ${url.protocol}`));
  const { timeoutMs } = request.limits;
  const options = {
    method: request.method ?? "GET",
    timeout: timeoutMs,
    headers: { "user-agent": "connectpay-cert", ...request.headers },
  };
  return new Promise((resolve) => {
    const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, options, (res) =>
      answer(url.href, res, request.limits, follow).then(resolve),
    );
    const timedOut = () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "TIMEOUT" }));
    const timer = setTimeout(timedOut, timeoutMs);
    req.on("close", () => clearTimeout(timer));
    req.on("timeout", timedOut);
    req.on("error", (err) => resolve(failed(url.href, kindOf(err), err.message)));
    req.end(request.body);
  });
}

async function answer(url: string, res: IncomingMessage, limits: FetchLimits, follow: boolean): Promise<Hop> {
  const status = res.statusCode ?? 0;
  if (follow && status >= 300 && status < 400 && res.headers.location) {
    res.resume();
    return { redirect: res.headers.location };
  }
  if (status !== 200) {
    res.resume();
    return failed(url, "status", `HTTP ${res.statusCode}`, status);
  }
  try {
    return { ok: true, url, status, body: await collect(res, limits.maxBytes) };
  } catch (err) {
    return failed(url, kindOf(err), (err as Error).message);
  }
}

function kindOf(err: unknown): FetchFailureKind {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "TIMEOUT") return "timeout";
  return code === "TOO_LARGE" ? "too-large" : "network";
}

function collect(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(Object.assign(new Error(`response larger than ${maxBytes} bytes`), { code: "TOO_LARGE" }));
        return;
      }
      chunks.push(chunk);
    });
    res.on("end", () => resolve(Buffer.concat(chunks)));
    res.on("error", reject);
  });
}
