import type { FindingDefinition } from "../core/findings/definition.js";

/** "error", or "warning, or error when …" for ids whose severity depends on context. */
export function severityText(d: FindingDefinition): string {
  return d.escalation ? `${d.severity}, or ${d.escalation.severity} ${d.escalation.when}` : d.severity;
}
