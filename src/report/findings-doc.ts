import type { FindingDefinition } from "../core/findings/definition.js";
import { FINDINGS, type FindingId } from "../core/findings/registry.js";
import { markdownTable } from "./markdown-table.js";
import { severityText } from "./severity-text.js";

// docs/findings.md (its summary tables and its full reference) is generated from the registry
// (src/core/findings/) by `npm run docs`; test/docs.test.ts fails when the file drifts from it.

type Group = FindingDefinition["group"];

const entries = (group?: Group) =>
  (Object.entries(FINDINGS) as [FindingId, FindingDefinition][]).filter(([, d]) => !group || d.group === group);

const LAST_COLUMN: Record<Group, string> = { check: "what to do", probe: "likely cause and what to do" };

/** The summary table of one group: id, severity, when, what to do. */
export function renderSummaryTable(group: Group): string {
  const rows = entries(group).map(([id, d]) => [`\`${id}\``, severityText(d), d.summary, d.fix]);
  return markdownTable(["id", "severity", "when", LAST_COLUMN[group]], rows);
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

const INTRO = [
  "# Findings reference",
  "",
  "Generated from the registry in `src/core/findings/` by `npm run docs`; do not edit by hand.",
  "Severities: **error** rejects the chain (exit 1), **warning** is reported (exit 1 only with `--strict`),",
  "**info** is worth knowing and never fails. The ConnectPay facts the texts state are collected, with where",
  "ConnectPay published each, in [connectpay.md](connectpay.md).",
  'In messages, "Certificate n" is the n-th certificate of the file; in JSON, `certificate` is 0-based.',
  "`connectpay-cert explain <id>` prints the same text as the reference below.",
];

// Prose about reading and validity that belongs next to the summary of check's findings.
const AFTER_CHECK_SUMMARY = [
  "Validity includes both ends, at one-second precision (RFC 5280 §4.1.2.5). Each check lives in one file",
  "under `src/core/rules/`.",
  "",
  "Certificates are read strictly: what X.690 DER or RFC 5280 forbids is an error where OpenSSL refuses it",
  "too (`format.malformed`, `cert.malformed-extension`) and a warning where OpenSSL loads it (`cert.non-der`);",
  "`inspect` shows such a certificate as far as it reads. The table per defect, and how CRLs are read, are in",
  "[verdict.md](verdict.md#parsing).",
];

/** The summary: one table per group, id, severity, when and what to do. */
function summary(): string[] {
  return [
    "",
    `## Summary: ${HEADINGS.check}`,
    "",
    renderSummaryTable("check"),
    "",
    ...AFTER_CHECK_SUMMARY,
    "",
    `## Summary: ${HEADINGS.probe}`,
    "",
    renderSummaryTable("probe"),
  ];
}

/** docs/findings.md: the summary tables, then every id with every field of its registry entry. */
export function renderFindingsReference(): string {
  const parts = [...INTRO, ...summary()];
  for (const group of ["check", "probe"] as const) {
    parts.push("", `## ${HEADINGS[group]}`);
    for (const entry of entries(group)) parts.push("", section(entry));
  }
  return `${parts.join("\n")}\n`;
}
