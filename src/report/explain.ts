import type { FindingDefinition } from "../core/findings/definition.js";
import { helpUri } from "./help-uri.js";
import { SCHEMA_VERSION, toJson } from "./json.js";
import { severityText } from "./severity-text.js";

/** `explain <id>`: the registry's full text for one finding, in the spirit of `rustc --explain`. */
export function renderExplanation(id: string, d: FindingDefinition): string {
  return `${[
    `${id}: ${d.title} (${severityText(d)})`,
    "",
    "What it means",
    `  ${d.description}`,
    "",
    "Why it matters",
    `  ${d.why}`,
    "",
    "How to fix it",
    `  ${d.fix}`,
    "",
    "Source",
    `  ${d.source}`,
    "",
    "Example",
    `  ${d.example}`,
  ].join("\n")}\n`;
}

/** `explain` with no id: every finding, one line each, grouped as docs/findings.md's tables are. */
export function renderExplainList(findings: Record<string, FindingDefinition>): string {
  const width = Math.max(...Object.keys(findings).map((id) => id.length));
  const lines: string[] = [];
  for (const group of ["check", "probe"] as const) {
    lines.push(group === "check" ? "Findings of check:" : "Findings of probe (and check --online, --key):");
    for (const [id, d] of Object.entries(findings))
      if (d.group === group) lines.push(`  ${id.padEnd(width)}  ${d.severity.padEnd(7)}  ${d.title}`);
    lines.push("");
  }
  lines.push("Run `connectpay-cert explain <id>` for what one means, why it matters and how to fix it.");
  return `${lines.join("\n")}\n`;
}

/** `explain --json`: the registry's texts for the ids asked for (all of them without an id), and each one's docs link. */
export function renderExplainJson(findings: [string, FindingDefinition][]): string {
  // Named fields only: a definition also holds what the build uses (the fixtures that prove its example).
  const list = findings.map(([id, d]) => {
    const { severity, escalation, title, summary, description, why, fix, source, example, group } = d;
    const texts = { title, summary, description, why, fix, source, example, group };
    return { id, severity, ...(escalation ? { escalation } : {}), ...texts, helpUri: helpUri(id, d) };
  });
  return `${toJson({ schemaVersion: SCHEMA_VERSION, findings: list }, 2)}\n`;
}
