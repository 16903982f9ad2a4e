import { createHash } from "node:crypto";
import pkg from "../../package.json" with { type: "json" };
import type { BundleResult } from "../core/check-bundle.js";
import type { FindingDefinition } from "../core/findings/definition.js";
import type { Finding, Severity } from "../core/findings/finding.js";
import { FINDINGS } from "../core/findings/registry.js";
import { type JudgedFinding, levelOf, suppressionText } from "../core/verdict/verdict.js";
import { artifactLocation, findingLine, rootUri } from "./artifact-path.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";
import { renderExplanation } from "./explain.js";
import { helpUri } from "./help-uri.js";
import { toJson } from "./json.js";

// SARIF 2.1.0 (OASIS, docs.oasis-open.org/sarif/sarif/v2.1.0) for GitHub code scanning: one run, one rule
// per registered finding id (the registry's texts as help, a link to the finding's section of the docs),
// and results at the input file, relative to the repository root (`SRCROOT`), and at the BEGIN line of the
// PEM block the finding is about. The SARIF Multitool's `Sarif;Gh` rules accept it (test/report/sarif-multitool.test.ts).
const SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const LEVEL = { error: "error", warning: "warning", info: "note" } as const;
// GitHub ranks a `security` alert by this CVSS-like score (> 9 critical, ≥ 7 high, ≥ 4 medium, else low): a
// chain ConnectPay rejects stops the integration (high), a warning is worth a look (medium), a note is low.
const SECURITY_SEVERITY: Record<Severity, string> = { error: "7.5", warning: "5.0", info: "1.0" };
const IDS = Object.keys(FINDINGS);
const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);
const STDIN = "<stdin>";

function rule(id: string, d: FindingDefinition) {
  return {
    id,
    name: d.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()),
    shortDescription: { text: d.title },
    fullDescription: { text: d.description },
    help: { text: renderExplanation(id, d) },
    helpUri: helpUri(id, d),
    defaultConfiguration: { level: LEVEL[d.severity] },
    properties: { tags: ["security", d.group], "security-severity": SECURITY_SEVERITY[d.severity], source: d.source },
  };
}

// Stable across runs and line moves, so code scanning keeps one alert per finding: the rule, the file, and
// the certificate the finding is about (by fingerprint) or the block's position.
function fingerprint(r: BundleResult, f: Finding, uri: string): string {
  const cert = f.certificate === undefined ? undefined : r.certificates[f.certificate]?.fingerprintSha256;
  const about = cert ?? `line:${f.line ?? ""}`;
  return createHash("sha256").update(`${f.id}\0${uri}\0${about}`).digest("hex");
}

/**
 * A failing finding is level "error" (a warning under --strict too). One the config file kept from failing
 * keeps its level and carries an external suppression (SARIF 2.1.0 §3.27.23, §3.35), so code scanning
 * shows it as dismissed rather than not at all.
 */
function result(r: BundleResult, f: JudgedFinding, opts: ReporterOptions) {
  const artifact = artifactLocation(r.input, opts);
  const line = findingLine(r, f);
  const level = levelOf(f);
  return {
    ruleId: f.id,
    ruleIndex: IDS.indexOf(f.id),
    level: LEVEL[level === "off" ? f.severity : level],
    message: { text: f.hint ? `${f.message} ${f.hint}` : f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: { startLine: line ?? 1 } } }],
    partialFingerprints: { "connectpayCertFinding/v1": fingerprint(r, f, artifact.uri) },
    ...(f.suppressed
      ? { suppressions: [{ kind: "external", status: "accepted", justification: suppressionText(f.suppressed) }] }
      : {}),
  };
}

/**
 * `check --format sarif`: one SARIF log on stdout; results are streamed as inputs are judged. A result
 * needs a file to point at (GitHub refuses an upload with a result that has none), so findings about
 * standard input are left out and the log's invocation says how many and why.
 */
export function sarifReporter(opts: ReporterOptions): CheckReporter {
  const driver = {
    name: "connectpay-cert",
    version: pkg.version,
    semanticVersion: pkg.version,
    informationUri: "https://github.com/connectpay-cert/connectpay-cert",
    rules: Object.entries(FINDINGS).map(([id, d]) => rule(id, d)),
  };
  // The document around placeholders for the results and the invocation, written one at a time.
  const RESULTS = "\u0000results\u0000";
  const INVOCATION = "\u0000invocation\u0000";
  const run = {
    tool: { driver },
    originalUriBaseIds: { SRCROOT: { uri: rootUri(opts) } },
    results: RESULTS,
    invocations: INVOCATION,
  };
  const log = { $schema: SCHEMA, version: "2.1.0", runs: [run] };
  const [head, rest] = toJson(log, 2).split(toJson(RESULTS));
  const [middle, tail] = rest.split(toJson(INVOCATION));
  opts.write(`${head}[`);
  let count = 0;
  let leftOut = 0;
  return {
    result(r) {
      if (r.input === STDIN) {
        leftOut += r.findings.length;
        return;
      }
      for (const f of r.findings)
        opts.write(`${count++ ? "," : ""}\n        ${indent(toJson(result(r, f, opts), 2), "        ")}`);
    },
    end(summary) {
      const invocation = invocationOf(leftOut, summary.unreadable === 0);
      if (leftOut)
        opts.warn(
          `connectpay-cert: ${leftOut} finding(s) about standard input are left out of the SARIF log (a result must point at a file); the exit code still counts them.\n`,
        );
      opts.write(`${count ? "\n      " : ""}]${middle}${indent(toJson([invocation], 2), "      ")}${tail}\n`);
    },
  };
}

function invocationOf(leftOut: number, readAll: boolean) {
  const note = {
    level: "warning",
    message: {
      text: `${leftOut} finding(s) about standard input are not in this log: a SARIF result must point at a file. Check the file itself, or use --json for standard input.`,
    },
    descriptor: { id: "stdin-left-out" },
  };
  return { executionSuccessful: readAll, ...(leftOut ? { toolExecutionNotifications: [note] } : {}) };
}
