import type { FindingDefinition } from "../core/findings/definition.js";
import { FINDINGS, type FindingId } from "../core/findings/registry.js";
import { markdownTable } from "./markdown-table.js";
import { severityText } from "./severity-text.js";

// README's finding tables and docs/findings.md are generated from the registry (src/core/findings/) by
// `npm run docs`; test/docs.test.ts fails when either file drifts from it.

type Group = FindingDefinition["group"];

const entries = (group?: Group) =>
  (Object.entries(FINDINGS) as [FindingId, FindingDefinition][]).filter(([, d]) => !group || d.group === group);

const LAST_COLUMN: Record<Group, string> = { check: "what to do", probe: "likely cause and what to do" };

/** README's table of one group: id, severity, when, what to do. */
export function renderReadmeTable(group: Group): string {
  const rows = entries(group).map(([id, d]) => [`\`${id}\``, severityText(d), d.summary, d.fix]);
  return markdownTable(["id", "severity", "when", LAST_COLUMN[group]], rows);
}

const MARKERS = (group: Group) => [`<!-- findings:${group}:start -->`, `<!-- findings:${group}:end -->`] as const;

/** README with each generated table replaced between its marker comments. */
export function spliceReadme(readme: string): string {
  let out = readme;
  for (const group of ["check", "probe"] as const) {
    const [start, end] = MARKERS(group);
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n\n${renderReadmeTable(group)}\n\n${out.slice(to)}`;
  }
  return out;
}

const HEADINGS: Record<Group, string> = {
  check: "Findings of `check`",
  probe: "Findings of `probe` (and of `check --online`, `--key`)",
};

function section([id, d]: [FindingId, FindingDefinition]): string {
  return [
    `### \`${id}\`: ${d.title}`,
    "",
    `- **Severity:** ${severityText(d)}`,
    `- **When:** ${d.description}`,
    `- **Why ConnectPay cares:** ${d.why}`,
    `- **What to do:** ${d.fix}`,
    `- **Source:** ${d.source}`,
    `- **Example:** ${d.example}`,
  ].join("\n");
}

/** docs/findings.md: every id with every field of its registry entry. */
export function renderFindingsReference(): string {
  const parts = [
    "# Findings reference",
    "",
    "Generated from the registry in `src/core/findings/` by `npm run docs`; do not edit by hand.",
    "Severities: **error** rejects the chain (exit 1), **warning** is reported (exit 1 only with `--strict`),",
    "**info** is worth knowing and never fails. ConnectPay facts are cited from [connectpay.md](connectpay.md).",
  ];
  for (const group of ["check", "probe"] as const) {
    parts.push("", `## ${HEADINGS[group]}`);
    for (const entry of entries(group)) parts.push("", section(entry));
  }
  return `${parts.join("\n")}\n`;
}
