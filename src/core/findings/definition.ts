import type { Severity } from "./finding.js";

/** Everything the tool says about one finding id; docs/findings.md, explain and messages read it from here. */
export interface FindingDefinition {
  severity: Severity;
  /** Only for ids whose severity depends on context: the other severity and when it applies. */
  escalation?: { severity: Severity; when: string };
  /** a few words, for headings */
  title: string;
  /** when it fires, in a table cell (the "when" column of docs/findings.md's summary) */
  summary: string;
  /** when it fires, precisely */
  description: string;
  /** why ConnectPay (or the chain's validity with ConnectPay) is affected; ConnectPay facts cite docs/connectpay.md */
  why: string;
  /** what to do (the last column of docs/findings.md's summary) */
  fix: string;
  /** what it enforces: ConnectPay's documentation, an RFC section, a CA/B rule */
  source: string;
  /** a message as the tool prints it when the finding fires (for `explain` and docs/findings.md) */
  example: string;
  /** which summary table of docs/findings.md lists it: the findings of `check` (the bundle) or of `probe` (network, revocation, key file) */
  group: "check" | "probe";
}
