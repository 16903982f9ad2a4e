import { type FetchObservation, httpFetch } from "./http-fetch.js";

const MAX_RESPONSE = 1024 * 1024;

/** POSTs a DER OCSP request (RFC 6960 §A.1); on a refusal, falls back to GET with the request in the path. */
export async function askOcsp(url: string, der: Buffer, timeoutMs: number): Promise<FetchObservation> {
  const limits = { timeoutMs, maxBytes: MAX_RESPONSE, maxRedirects: 3 };
  const posted = await httpFetch(url, {
    method: "POST",
    body: der,
    headers: {
      "content-type": "application/ocsp-request",
      "content-length": der.length,
      accept: "application/ocsp-response",
    },
    limits,
  });
  if (posted.ok || posted.kind !== "status") return posted;
  const base = url.endsWith("/") ? url : `${url}/`;
  return httpFetch(`${base}${encodeURIComponent(der.toString("base64"))}`, { limits });
}
