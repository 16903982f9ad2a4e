import { isoString } from "../x509/iso-time.js";
// One certificate's revocation status as data: what `check --json` shows under each certificate, what the
// human report prints as evidence, and what a verdict can be built from.

export type RevocationState = "good" | "revoked" | "unknown" | "unavailable" | "not-checked";

export interface CertRevocation {
  /** the certificate's position in the file */
  index: number;
  status: RevocationState;
  /** what answered: an OCSP responder or a CRL */
  source?: "ocsp" | "crl";
  /** the responder's URL, the CRL's URL or the --crl-file it came from */
  from?: string;
  thisUpdate?: string;
  nextUpdate?: string;
  /** OCSP: when the responder signed the answer */
  producedAt?: string;
  revokedAt?: string;
  reason?: string;
  /** why the status is unavailable or was not checked */
  why?: string;
}

const iso = (d?: Date) => (d === undefined ? undefined : isoString(d));

export function answered(
  index: number,
  status: RevocationState,
  source: "ocsp" | "crl",
  from: string,
  times: { thisUpdate?: Date; nextUpdate?: Date; producedAt?: Date; revokedAt?: Date; reason?: string },
): CertRevocation {
  const out: CertRevocation = { index, status, source, from, thisUpdate: iso(times.thisUpdate) };
  if (times.nextUpdate) out.nextUpdate = iso(times.nextUpdate);
  if (times.producedAt) out.producedAt = iso(times.producedAt);
  if (times.revokedAt) out.revokedAt = iso(times.revokedAt);
  if (times.reason) out.reason = times.reason;
  return out;
}

export function unanswered(index: number, status: "unavailable" | "not-checked", why: string): CertRevocation {
  return { index, status, why };
}

/** The evidence line under a certificate in the human report. */
export function evidenceLine(r: CertRevocation): string {
  const what = r.source === "ocsp" ? "OCSP" : "CRL";
  const when = r.producedAt ? `produced ${r.producedAt}` : `thisUpdate ${r.thisUpdate}`;
  if (r.status === "good") return `not revoked: ${what} good from ${r.from}, ${when}`;
  if (r.status === "revoked") return `REVOKED: ${what} from ${r.from}, since ${r.revokedAt}`;
  if (r.status === "unknown") return `revocation unknown: ${what} from ${r.from}, ${when}`;
  return `revocation ${r.status === "unavailable" ? "not checkable" : "not checked"}: ${r.why}`;
}
