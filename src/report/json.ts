import type { BundleResult } from "../core/check-bundle.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

export const SCHEMA_VERSION = 1;

// JSON.stringify escapes C0 and lone surrogates but leaves DEL, C1, bidi controls and U+2028/U+2029 raw;
// as \uXXXX escapes they are the same values to a parser and inert in a terminal that shows the document.
const INERT = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// A CI log command inside a string (Azure runs `##vso[` anywhere in a line): `#\u0023` is the same value.
const HASH_COMMAND = /##(?=(?:vso)?\[)/gi;

/** JSON text whose values are the raw values (docs/limits.md "Printed text"), with nothing that acts on a terminal. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(INERT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(HASH_COMMAND, "#\\u0023");
}

// A result sits two levels deep in the document, so each of its lines carries four more spaces than its own
// JSON text. Wrapped in two arrays, JSON.stringify writes those spaces itself: a regex pass over every
// result's text to add them was one more copy of the whole output, measurable on a 10,000-file run.
const OPEN = "[\n  [\n    ";
const CLOSE = "\n  ]\n]";
const nestedJson = (value: unknown) => {
  const text = toJson([[value]], 2);
  return text.slice(OPEN.length, text.length - CLOSE.length);
};

/**
 * `check --json`: one document, `{ schemaVersion, results: [...], ok, summary }`, written as results
 * arrive (docs/json.md). Field names are a public contract: add, never rename.
 */
export function jsonReporter(opts: ReporterOptions): CheckReporter {
  let count = 0;
  let ok = true;
  opts.write(`{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "results": [`);
  return {
    result({ lines: _lines, ...r }: BundleResult) {
      ok &&= r.ok;
      opts.write(`${count++ ? "," : ""}\n    ${nestedJson(r)}`);
    },
    end(summary) {
      opts.write(`${count ? "\n  " : ""}],\n  "ok": ${ok},\n  "summary": ${toJson(summary)}\n}\n`);
    },
  };
}

/** What a `--json` command prints when it stops before its report (exit 2 or 3): `| jq` never reads nothing. */
export function renderErrorJson(exitCode: number, message: string): string {
  return `${toJson({ schemaVersion: SCHEMA_VERSION, ok: false, error: { exitCode, message } }, 2)}\n`;
}
