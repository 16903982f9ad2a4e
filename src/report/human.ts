import type { ChalkInstance } from "chalk";
import type { BundleResult, CertificateSummary } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import { countBySeverity, type Finding } from "../core/findings/finding.js";
import { secretName } from "../core/input/secret-bundles.js";
import { evidenceLine } from "../core/revocation/status.js";
import { formatKey } from "../core/x509/public-key.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

export interface HumanOptions {
  chalk: ChalkInstance;
  strict: boolean;
}

export function humanReporter(opts: ReporterOptions): CheckReporter {
  let count = 0;
  return {
    result(r) {
      opts.write(`${count++ ? "\n" : ""}${renderResult(r, opts)}`);
    },
    end(s) {
      const skipped = s.skipped ? `, ${s.skipped} skipped (no certificate in them)` : "";
      if (s.files > 1 || skipped)
        opts.write(
          `\n${s.files} files checked: ${s.accepted} accepted, ${s.rejected} rejected${s.unreadable ? `, ${s.unreadable} unreadable` : ""}${skipped}\n`,
        );
    },
  };
}

export function renderResult(result: BundleResult, opts: HumanOptions): string {
  const { chalk } = opts;
  if (result.error)
    return `${chalk.bold(displayText(result.input))}\n  ${chalk.red("error")}   ${displayText(result.error)}\n`;
  const where = result.secret ? ` (Secret ${secretName(result.secret)}, ${result.secret.key})` : "";
  const lines = [chalk.bold(displayText(`${result.input}${where}`))];
  lines.push(...renderTree(result, chalk));
  if (result.findings.length) lines.push("");
  for (const f of sortFindings(result.findings)) lines.push(...renderFinding(f, chalk));
  lines.push("", verdict(result, opts));
  return `${lines.join("\n")}\n`;
}

function renderTree(result: BundleResult, chalk: ChalkInstance): string[] {
  const onPathSet = new Set(result.path);
  const sorted: CertificateSummary[] = [
    ...result.path.map((i) => result.certificates[i]),
    ...result.certificates.filter((c) => !onPathSet.has(c.index)),
  ];
  const lines: string[] = [];
  let depth = 0;
  for (const c of sorted) {
    const onPath = onPathSet.has(c.index);
    if (!onPath && depth >= 0) {
      lines.push(`  ${chalk.dim("not on the path:")}`);
      depth = -1;
    }
    const pad = onPath ? "   ".repeat(depth) : "  ";
    const branch = onPath && depth > 0 ? "└─ " : "";
    const cn = displayText(c.subjectCN ?? c.subject);
    const role = onPath || c.role === "unrelated" || c.role === "alternate" ? c.role : `duplicate ${c.role}`;
    lines.push(`  ${pad}${branch}${chalk.cyan(`#${c.index + 1} ${role}`)}  ${chalk.bold(cn)}`);
    const inner = `  ${pad}${onPath && depth > 0 ? "   " : ""}   `;
    lines.push(`${inner}issuer ${displayText(c.issuerCN ?? c.issuer)}`);
    lines.push(`${inner}serial ${c.serialNumber}   key ${formatKey(c.key)}   ${c.signatureAlgorithm}`);
    lines.push(
      `${inner}valid  ${c.notBefore.slice(0, 10)} → ${c.notAfter.slice(0, 10)} (${daysText(c.daysRemaining)})`,
    );
    lines.push(`${inner}sha256 ${c.fingerprintSha256}`);
    if (c.revocation) lines.push(`${inner}${displayText(evidenceLine(c.revocation))}`);
    if (onPath) depth++;
  }
  return lines;
}

function daysText(days: number): string {
  return days < 0 ? `expired ${-days} day(s) ago` : `${days} day(s) left`;
}

export function sortFindings(findings: Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 };
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

export function renderFinding(f: Finding, chalk: ChalkInstance): string[] {
  const paint = f.severity === "error" ? chalk.red : f.severity === "warning" ? chalk.yellow : chalk.blue;
  // The id ends the line, so `connectpay-cert explain <id>` is the obvious next step (issue 15).
  const lines = [`  ${paint(f.severity.padEnd(7))} ${displayText(f.message)} ${chalk.dim(`[${f.id}]`)}`];
  if (f.hint) lines.push(`          ${chalk.dim("→")} ${displayText(f.hint)}`);
  return lines;
}

function verdict(result: BundleResult, opts: HumanOptions): string {
  const counts = countBySeverity(result.findings);
  const tally = [plural(counts.error, "error"), plural(counts.warning, "warning")].filter(Boolean).join(", ");
  if (result.ok) {
    const text = `ConnectPay's rules: accepted${tally ? ` (${tally})` : ""}`;
    return opts.chalk.green.bold(text);
  }
  const strictNote = counts.error === 0 && opts.strict ? " under --strict" : "";
  return opts.chalk.red.bold(`ConnectPay's rules: rejected: ${tally}${strictNote}`);
}

function plural(n: number, word: string): string {
  return n === 0 ? "" : `${n} ${word}${n === 1 ? "" : "s"}`;
}
