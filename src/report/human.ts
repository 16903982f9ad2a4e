import type { ChalkInstance } from "chalk";
import type { BundleResult, CertificateSummary } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import { countBySeverity, type Finding } from "../core/findings/finding.js";
import { secretName } from "../core/input/secret-bundles.js";
import { evidenceLine } from "../core/revocation/status.js";
import { type JudgedFinding, levelOf, suppressedCounts, suppressionText } from "../core/verdict/verdict.js";
import { formatKey } from "../core/x509/public-key.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

export interface HumanOptions {
  chalk: ChalkInstance;
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
  if (result.matched?.length) lines.push("");
  for (const m of result.matched ?? []) lines.push(`  ${chalk.green("✔")} ${displayText(m)}`);
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

/** How this run shows a finding: a judged one by its verdict marks (core/verdict), any other by its severity. */
const levelFor = (f: Finding | JudgedFinding) => ("fails" in f ? levelOf(f) : f.severity);

export function sortFindings<F extends Finding>(findings: F[]): F[] {
  const rank = { error: 0, warning: 1, info: 2, off: 3 };
  return [...findings].sort((a, b) => rank[levelFor(a)] - rank[levelFor(b)]);
}

/**
 * A failing finding is shown as an error (a warning under --strict too); one the config file switched
 * off as "off", with what switched it off, so silencing is never silent.
 */
export function renderFinding(f: Finding | JudgedFinding, chalk: ChalkInstance): string[] {
  const level = levelFor(f);
  const paint =
    level === "error" ? chalk.red : level === "warning" ? chalk.yellow : level === "off" ? chalk.dim : chalk.blue;
  // The id ends the line, so `connectpay-cert explain <id>` is the obvious next step.
  const lines = [`  ${paint(level.padEnd(7))} ${displayText(f.message)} ${chalk.dim(`[${f.id}]`)}`];
  if (f.hint) lines.push(`          ${chalk.dim("→")} ${displayText(f.hint)}`);
  const suppressed = "suppressed" in f ? f.suppressed : undefined;
  if (suppressed) lines.push(`          ${chalk.dim("→")} ${chalk.yellow(displayText(suppressionText(suppressed)))}`);
  return lines;
}

/**
 * The verdict line. It counts what this run weighs (a switched-off finding is not counted), and says so
 * when the input is accepted only because the config file silenced or re-graded what would fail it.
 */
function verdict(result: BundleResult, opts: HumanOptions): string {
  const counts = countBySeverity(result.findings.filter((f) => levelOf(f) !== "off"));
  const tally = [plural(counts.error, "error"), plural(counts.warning, "warning")].filter(Boolean).join(", ");
  const silenced = silencedText(result.findings);
  if (result.ok) {
    const accepted = "ConnectPay's rules: accepted";
    if (silenced) return opts.chalk.yellow.bold(`${accepted} only because ${silenced}`);
    return opts.chalk.green.bold(`${accepted}${tally ? ` (${tally})` : ""}`);
  }
  const strictNote = counts.error === 0 && result.findings.some((f) => f.fails) ? " under --strict" : "";
  const more = silenced ? `; besides, ${silenced}` : "";
  return opts.chalk.red.bold(`ConnectPay's rules: rejected: ${tally}${strictNote}${more}`);
}

/** "1 error was silenced by FILE", or undefined when the config file kept nothing from failing. */
function silencedText(findings: JudgedFinding[]): string | undefined {
  const { error, warning, file } = suppressedCounts(findings);
  const n = error + warning;
  if (n === 0 || file === undefined) return undefined;
  const what = [plural(error, "error"), plural(warning, "warning")].filter(Boolean).join(" and ");
  return `${what} ${n === 1 ? "was" : "were"} silenced by ${displayText(file)}`;
}

function plural(n: number, word: string): string {
  return n === 0 ? "" : `${n} ${word}${n === 1 ? "" : "s"}`;
}
