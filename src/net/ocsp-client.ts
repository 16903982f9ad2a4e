import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { fetchUrl } from "./fetch-url.js";

const MAX_RESPONSE = 1024 * 1024;

/** POSTs a DER OCSP request (RFC 6960 §A.1); on a refusal, falls back to GET with the request in the path. */
export async function askOcsp(url: string, der: Buffer, timeoutMs: number): Promise<Buffer> {
  try {
    return await post(url, der, timeoutMs);
  } catch (err) {
    if (!(err instanceof HttpStatusError)) throw err;
    const base = url.endsWith("/") ? url : `${url}/`;
    return fetchUrl(`${base}${encodeURIComponent(der.toString("base64"))}`, {
      timeoutMs,
      maxBytes: MAX_RESPONSE,
      maxRedirects: 3,
    });
  }
}

class HttpStatusError extends Error {}

function post(url: string, der: Buffer, timeoutMs: number): Promise<Buffer> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:")
    return Promise.reject(new Error(`unsupported URL ${url}`));
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: "POST",
      timeout: timeoutMs,
      headers: {
        "content-type": "application/ocsp-request",
        "content-length": der.length,
        accept: "application/ocsp-response",
      },
    });
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "TIMEOUT" })),
      timeoutMs,
    );
    req.on("close", () => clearTimeout(timer));
    req.on("error", reject);
    req.on("response", (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new HttpStatusError(`HTTP ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE) res.destroy(new Error(`response larger than ${MAX_RESPONSE} bytes`));
        else chunks.push(c);
      });
      res.on("end", () => resolve(Buffer.concat(chunks)));
      res.on("error", reject);
    });
    req.end(der);
  });
}
