import type { Finding } from "../findings/finding.js";
import type { CertRevocation } from "./status.js";

/** A fetch as src/net/http-fetch.ts observes it: the body, or why there is none. */
export type FetchedAnswer = { ok: true; body: Buffer } | { ok: false; message: string; kind?: string };

/** A URL the tool would not fetch (it leads to a private address): its message says so whole. */
export function refusedWhy(answer: FetchedAnswer): string | undefined {
  return !answer.ok && answer.kind === "refused" ? answer.message : undefined;
}

/** One certificate's judgement: its finding, if any, and the line for probe's step detail and --verbose. */
export interface Judged {
  finding?: Finding;
  detail?: string;
  status?: CertRevocation;
}
