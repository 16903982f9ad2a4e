import type { Deadline } from "./deadline.js";
import { type FetchObservation, httpFetch } from "./http-fetch.js";

const MAX_RESPONSE = 1024 * 1024;

export interface OcspAsk {
  /** one limit for the POST, the GET fallback and their redirects */
  deadline: Deadline;
  allowPrivate?: boolean;
}

/** POSTs a DER OCSP request (RFC 6960 §A.1); on a refusal, falls back to GET with the request in the path. */
export async function askOcsp(
  url: string,
  der: Buffer,
  { deadline, allowPrivate }: OcspAsk,
): Promise<FetchObservation> {
  const common = {
    limits: { timeoutMs: deadline.ms, maxBytes: MAX_RESPONSE, maxRedirects: 3 },
    deadline,
    allowPrivate,
  };
  const posted = await httpFetch(url, {
    ...common,
    method: "POST",
    body: der,
    headers: {
      "content-type": "application/ocsp-request",
      "content-length": der.length,
      accept: "application/ocsp-response",
    },
  });
  if (posted.ok || posted.kind !== "status") return posted;
  const base = url.endsWith("/") ? url : `${url}/`;
  return httpFetch(`${base}${encodeURIComponent(der.toString("base64"))}`, common);
}
