import { get as httpGet, type IncomingMessage } from "node:http";
import { get as httpsGet } from "node:https";

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const AIA_FETCH_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 1024 * 1024, maxRedirects: 3 };

/** GET a URL with a total time limit, a size limit and bounded redirects; http and https only. */
export async function fetchUrl(url: string, limits: FetchLimits = AIA_FETCH_LIMITS): Promise<Buffer> {
  let current = new URL(url);
  for (let hop = 0; hop <= limits.maxRedirects; hop++) {
    const res = await request(current, limits);
    if (res.redirect) {
      current = new URL(res.redirect, current);
      continue;
    }
    return res.body ?? Buffer.alloc(0);
  }
  throw new Error(`more than ${limits.maxRedirects} redirects`);
}

function request(url: URL, limits: FetchLimits): Promise<{ body?: Buffer; redirect?: string }> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.reject(new Error(`unsupported URL scheme ${url.protocol}`));
  const get = url.protocol === "https:" ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: limits.timeoutMs, headers: { "user-agent": "connectpay-cert" } }, (res) => {
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        res.resume();
        resolve({ redirect: res.headers.location });
        return;
      }
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`HTTP ${res.statusCode}`));
        return;
      }
      collect(res, limits.maxBytes).then((body) => resolve({ body }), reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    req.on("close", () => clearTimeout(timer));
    req.on("timeout", () => req.destroy(new Error(`no answer within ${limits.timeoutMs} ms`)));
    req.on("error", reject);
  });
}

function collect(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(new Error(`response larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.on("end", () => resolve(Buffer.concat(chunks)));
    res.on("error", reject);
  });
}
