import { type ContextualId, definitionOf, type FindingId } from "./groups.js";
import { make } from "./make.js";

export type { FindingId } from "./groups.js";

export type Severity = "error" | "warning" | "info";

/** One observation about an input; the public contract of `check --json`. */
export interface Finding {
  id: FindingId;
  severity: Severity;
  message: string;
  /** 0-based position of the certificate in the input, when the finding is about one. */
  certificate?: number;
  hint?: string;
  /** 1-based line where the PEM block the finding is about begins, for a block that is not a certificate. */
  line?: number;
}

/** What an emitter says; the id's severity comes from its definition. */
export interface FindingFields {
  message: string;
  certificate?: number;
  hint?: string;
  line?: number;
}

type SeverityOverride<I extends FindingId> = I extends ContextualId ? [severity?: Severity] : [];

/**
 * Builds a finding of a registered id. Only context-dependent ids (an `escalation` in the registry) take a
 * severity, and only their base severity or the escalated one. Group files (src/core/findings/<group>.ts)
 * use their own constructor (./make.ts) for the messages they build.
 */
export function finding<I extends FindingId>(id: I, fields: FindingFields, ...override: SeverityOverride<I>): Finding {
  return make(id, definitionOf(id), fields, override[0]);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
