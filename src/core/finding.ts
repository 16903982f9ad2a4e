export type Severity = "error" | "warning" | "info";

/** One observation about an input; the public contract of `check --json`. */
export interface Finding {
  id: string;
  severity: Severity;
  message: string;
  /** 0-based position of the certificate in the input, when the finding is about one. */
  certificate?: number;
  hint?: string;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
