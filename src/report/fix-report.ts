import type { ChalkInstance } from "chalk";
import type { BundleResult } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import type { Change, RepairResult } from "../core/fix/repair.js";
import { renderFinding, sortFindings } from "./human.js";
import { SCHEMA_VERSION, toJson } from "./json.js";

export interface FixOutcome {
  input: string;
  format: string;
  repair: RepairResult;
  verdict: BundleResult;
  pem: string;
  written: string[];
  /** an -o file in another format than PEM (PKCS#7, PKCS#12): for the user's systems, not for ConnectPay */
  notPem?: { file: string; format: string };
}

function describeChange(c: Change): [string, string] {
  if (c.kind === "converted") return ["converted", `from ${c.from}`];
  if (c.kind === "removed") return ["removed", c.what];
  if (c.kind === "kept") return ["kept", `${c.path}: ${c.why}`];
  if (c.kind === "moved") return ["moved", `${c.certificate}: position ${c.from} → ${c.to}`];
  return ["added", `${c.role} ${c.certificate} from ${c.from}`];
}

/** What fix did, for stderr: every change, every gap, then the same findings check would give. */
export function renderFixHuman(o: FixOutcome, chalk: ChalkInstance): string {
  const lines = [`${chalk.bold(displayText(o.input))} (${o.format})`];
  for (const change of o.repair.changes) {
    const [kind, text] = describeChange(change);
    lines.push(`  ${chalk.cyan(kind.padEnd(9))} ${displayText(text)}`);
  }
  if (o.repair.changes.length === 0) lines.push("  unchanged: nothing to convert, reorder or remove");
  for (const gap of o.repair.gaps) lines.push(`  ${chalk.red("gap".padEnd(9))} ${displayText(gap)}`);
  const problems = sortFindings(o.verdict.findings);
  if (problems.length) lines.push("");
  for (const f of problems) lines.push(...renderFinding(f, chalk));
  const roles = o.verdict.path.map((i) => o.verdict.certificates[i].role).join(" → ");
  lines.push("");
  if (o.verdict.ok) {
    const where = o.written.length
      ? `written to ${o.written.map((w) => displayText(w)).join(" and ")}`
      : "printed on stdout";
    lines.push(chalk.green.bold(`Fixed: ${roles}, passes check; ${where}.`));
    // check judged the chain; a .p7b or .p12 is not the PEM that check (and ConnectPay) take as the file to send.
    if (o.notPem)
      lines.push(
        `${displayText(o.notPem.file)} holds the chain as ${o.notPem.format}, for your own systems: send ConnectPay the PEM (-o chain.pem).`,
      );
  } else lines.push(chalk.red.bold("No acceptable chain can be made from this input; nothing was written."));
  return `${lines.join("\n")}\n`;
}

export function renderFixJson(o: FixOutcome): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    ok: o.verdict.ok,
    input: o.input,
    format: o.format,
    changes: o.repair.changes,
    gaps: o.repair.gaps,
    written: o.written,
    certificates: o.verdict.certificates,
    path: o.verdict.path,
    findings: o.verdict.findings,
    pem: o.verdict.ok ? o.pem : undefined,
  };
  return `${toJson(doc, 2)}\n`;
}
