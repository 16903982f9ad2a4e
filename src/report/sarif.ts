import pkg from "../../package.json" with { type: "json" };
import type { BundleResult } from "../core/check-bundle.js";
import type { FindingDefinition } from "../core/findings/definition.js";
import { FINDINGS } from "../core/findings/registry.js";
import { type JudgedFinding, levelOf, suppressionText } from "../core/verdict/verdict.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";
import { renderExplanation } from "./explain.js";
import { toJson } from "./json.js";

// SARIF 2.1.0 (OASIS, docs.oasis-open.org/sarif/sarif/v2.1.0) for GitHub code scanning: one run, one rule
// per registered finding id (the registry's texts as help), and results that point at the input file and,
// for findings about one certificate, at the BEGIN line of its PEM block.
const SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const LEVEL = { error: "error", warning: "warning", info: "note" } as const;
const IDS = Object.keys(FINDINGS);
const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

function rule(id: string, d: FindingDefinition) {
  return {
    id,
    name: d.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()),
    shortDescription: { text: d.title },
    fullDescription: { text: d.description },
    help: { text: renderExplanation(id, d) },
    defaultConfiguration: { level: LEVEL[d.severity] },
    properties: { tags: [d.group], source: d.source },
  };
}

function location(r: BundleResult, f: JudgedFinding) {
  // "<stdin>" names no file a code-scanning UI could open.
  if (r.input === "<stdin>") return undefined;
  const line = f.certificate === undefined ? undefined : r.lines?.[f.certificate];
  const physicalLocation = {
    artifactLocation: { uri: encodeURI(r.input.replaceAll("\\", "/")) },
    ...(line ? { region: { startLine: line } } : {}),
  };
  return [{ physicalLocation }];
}

/**
 * A failing finding is level "error" (a warning under --strict too). One the config file kept from failing
 * keeps its level and carries an external suppression (SARIF 2.1.0 §3.27.23, §3.35), so code scanning
 * shows it as dismissed rather than not at all.
 */
function result(r: BundleResult, f: JudgedFinding) {
  const locations = location(r, f);
  const level = levelOf(f);
  return {
    ruleId: f.id,
    ruleIndex: IDS.indexOf(f.id),
    level: LEVEL[level === "off" ? f.severity : level],
    message: { text: f.hint ? `${f.message} ${f.hint}` : f.message },
    ...(locations ? { locations } : {}),
    ...(f.suppressed
      ? { suppressions: [{ kind: "external", status: "accepted", justification: suppressionText(f.suppressed) }] }
      : {}),
  };
}

/** `check --format sarif`: one SARIF log on stdout; results are streamed as inputs are judged. */
export function sarifReporter(opts: ReporterOptions): CheckReporter {
  const driver = {
    name: "connectpay-cert",
    version: pkg.version,
    informationUri: "https://github.com/connectpay-cert/connectpay-cert",
    rules: Object.entries(FINDINGS).map(([id, d]) => rule(id, d)),
  };
  // The document around a placeholder for the results array, so results can be written one at a time.
  const MARK = "\u0000results\u0000";
  const log = { $schema: SCHEMA, version: "2.1.0", runs: [{ tool: { driver }, results: MARK }] };
  const [head, tail] = toJson(log, 2).split(toJson(MARK));
  opts.write(`${head}[`);
  let count = 0;
  return {
    result(r) {
      for (const f of r.findings)
        opts.write(`${count++ ? "," : ""}\n        ${indent(toJson(result(r, f), 2), "        ")}`);
    },
    end() {
      opts.write(`${count ? "\n      " : ""}]${tail}\n`);
    },
  };
}
