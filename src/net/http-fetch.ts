import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { type Deadline, startDeadline, timeoutError } from "./deadline.js";
import {
  type PrivateAddressError,
  type PrivateAllowance,
  privateAddressError,
  publicLookup,
  refusedKind,
} from "./public-lookup.js";

export interface FetchLimits {
  /** for the whole fetch, redirects included */
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
  /** shared by the fetches of one piece of work (OCSP POST, then GET); default: limits.timeoutMs from now */
  deadline?: Deadline;
  /** also fetch from loopback, link-local and private addresses (--allow-private-urls; the lab and tests) */
  allowPrivate?: PrivateAllowance;
}

export type FetchFailureKind = "scheme" | "network" | "timeout" | "status" | "too-large" | "redirects" | "refused";

/** What one fetch saw: the body from the final URL, or why there is none. Judged in src/core. */
export type FetchObservation =
  | { ok: true; url: string; status: number; body: Buffer }
  | { ok: false; url: string; kind: FetchFailureKind; message: string; status?: number };

type Hop = FetchObservation | { redirect: string };

interface Attempt {
  request: FetchRequest;
  deadline: Deadline;
  follow: boolean;
}

const failed = (url: string, kind: FetchFailureKind, message: string, status?: number): FetchObservation => ({
  ok: false,
  url,
  kind,
  message,
  status,
});

/** The one HTTP client for AIA, OCSP and CRL: one time limit for the whole fetch, a size limit, bounded redirects. */
export async function httpFetch(url: string, request: FetchRequest): Promise<FetchObservation> {
  const attempt = {
    request,
    deadline: request.deadline ?? startDeadline(request.limits.timeoutMs),
    follow: (request.method ?? "GET") === "GET",
  };
  let current = url;
  try {
    let target = new URL(url);
    for (let hop = 0; hop <= request.limits.maxRedirects; hop++) {
      current = target.href;
      const res = await send(target, attempt);
      if (!("redirect" in res)) return res;
      target = new URL(res.redirect, target);
    }
  } catch (err) {
    return failed(current, "network", (err as Error).message);
  }
  return failed(current, "redirects", `more than ${request.limits.maxRedirects} redirects`);
}

function send(url: URL, attempt: Attempt): Promise<Hop> {
  const early = refuseEarly(url, attempt);
  if (early) return Promise.resolve(early);
  const { request, deadline } = attempt;
  const options = {
    method: request.method ?? "GET",
    headers: { "user-agent": "connectpay-cert", ...request.headers },
    // Checked after resolution, on the addresses the socket will use: see public-lookup.ts.
    lookup: request.allowPrivate === true ? undefined : publicLookup(request.allowPrivate),
  };
  return new Promise((resolve) => {
    const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, options, (res) =>
      answer(url.href, res, attempt).then(resolve),
    );
    const timedOut = () => req.destroy(timeoutError(deadline.ms));
    deadline.signal.addEventListener("abort", timedOut, { once: true });
    req.on("close", () => deadline.signal.removeEventListener("abort", timedOut));
    req.on("error", (err) => resolve(failure(url.href, err, deadline)));
    req.end(request.body);
  });
}

/** A hop that must not be sent: a wrong scheme, an IP literal that is not public, or no time left. */
function refuseEarly(url: URL, { request, deadline }: Attempt): FetchObservation | undefined {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return failed(url.href, "scheme", `unsupported URL scheme ${url.protocol}`);
  // An IP literal (also 2130706433 or 0x7f.1, which URL turns into 127.0.0.1) is never looked up.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const kind = isIP(host) ? refusedKind(host, request.allowPrivate) : undefined;
  if (kind) return failure(url.href, privateAddressError(host, kind), deadline);
  if (deadline.signal.aborted) return failure(url.href, timeoutError(deadline.ms), deadline);
  return undefined;
}

async function answer(url: string, res: IncomingMessage, { request, deadline, follow }: Attempt): Promise<Hop> {
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
    return { ok: true, url, status, body: await collect(res, request.limits.maxBytes) };
  } catch (err) {
    return failure(url, err, deadline);
  }
}

function failure(url: string, err: unknown, deadline: Deadline): FetchObservation {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "PRIVATE_ADDRESS") {
    const { address, kind } = err as PrivateAddressError;
    const why = `it resolves to ${address}, ${kind}; pass --allow-private-urls if you mean it`;
    return failed(url, "refused", `refused to fetch ${url}: ${why}`);
  }
  // Once the deadline passed, whatever broke the socket (reset, "aborted") was the time limit.
  if (code === "TIMEOUT" || deadline.signal.aborted) return failed(url, "timeout", timeoutError(deadline.ms).message);
  if (code === "TOO_LARGE") return failed(url, "too-large", (err as Error).message);
  return failed(url, "network", (err as Error).message);
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
    // A body cut off by the deadline ends with "aborted" rather than an error on some Node versions.
    res.on("aborted", () => reject(new Error("aborted")));
  });
}
