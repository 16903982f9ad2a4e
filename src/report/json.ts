import type { BundleResult } from "../core/check-bundle.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

export const SCHEMA_VERSION = 1;

const indent = (text: string) => text.replace(/\n/g, "\n    ");

/**
 * `check --json`: one document, `{ schemaVersion, results: [...], ok, summary }`, written as results
 * arrive (README "JSON output"). Field names are a public contract: add, never rename.
 */
export function jsonReporter(opts: ReporterOptions): CheckReporter {
  let count = 0;
  let ok = true;
  opts.write(`{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "results": [`);
  return {
    result({ lines: _lines, ...r }: BundleResult) {
      ok &&= r.ok;
      opts.write(`${count++ ? "," : ""}\n    ${indent(JSON.stringify(r, null, 2))}`);
    },
    end(summary) {
      opts.write(`${count ? "\n  " : ""}],\n  "ok": ${ok},\n  "summary": ${JSON.stringify(summary)}\n}\n`);
    },
  };
}
