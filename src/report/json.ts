import type { BundleResult, CertificateSummary } from "../core/check-bundle.js";
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

// A result's parts sit `depth` levels deep in the document, so each of their lines carries that many indents
// more than their own JSON text. Wrapped in arrays, JSON.stringify writes those spaces itself: a regex pass
// over every result's text to add them was one more copy of the whole output, measurable on a 10,000-file run.
// The wrapping is cut off again by length: array i (0 the outermost) opens with "[\n" and its element's
// indent, 2 + 2(i + 1) characters, and closes with "\n", its own indent and "]", 2 + 2i.
function nestedJson(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = toJson(wrapped, 2);
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}

/**
 * One result's JSON text, as JSON.stringify(result, null, 2) writes it two levels deep, key by key in the
 * result's own order. Only `certificates` is written element by element: a CA's summary is one object
 * shared by every bundle that has it (core/check-bundle.ts), so its text is made once per run (`known`).
 */
function resultJson(r: BundleResult, known: WeakMap<CertificateSummary, string>): string {
  let out = "{";
  let first = true;
  for (const [key, value] of Object.entries(r)) {
    // `lines` is not part of the `--json` contract; skipped here rather than by copying the result without it.
    if (value === undefined || key === "lines") continue;
    const text = key === "certificates" ? certificatesJson(value as CertificateSummary[], known) : nestedJson(value, 3);
    out += `${first ? "" : ","}\n      ${JSON.stringify(key)}: ${text}`;
    first = false;
  }
  return `${out}${first ? "" : "\n    "}}`;
}

function certificatesJson(certs: CertificateSummary[], known: WeakMap<CertificateSummary, string>): string {
  if (certs.length === 0) return "[]";
  let out = "[";
  for (let i = 0; i < certs.length; i++) out += `${i ? "," : ""}\n        ${summaryJson(certs[i], known)}`;
  return `${out}\n      ]`;
}

// A leaf's summary is its bundle's own: remembering its text would only cost.
function summaryJson(c: CertificateSummary, known: WeakMap<CertificateSummary, string>): string {
  if (c.role === "leaf") return nestedJson(c, 4);
  let text = known.get(c);
  if (text === undefined) {
    text = nestedJson(c, 4);
    known.set(c, text);
  }
  return text;
}

/**
 * `check --json`: one document, `{ schemaVersion, results: [...], ok, summary }`, written as results
 * arrive (docs/json.md). Field names are a public contract: add, never rename.
 */
export function jsonReporter(opts: ReporterOptions): CheckReporter {
  let count = 0;
  let ok = true;
  // This run's texts of the certificate summaries its results share; it dies with the reporter.
  const known = new WeakMap<CertificateSummary, string>();
  opts.write(`{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "results": [`);
  return {
    result(r: BundleResult) {
      ok &&= r.ok;
      opts.write(`${count++ ? "," : ""}\n    ${resultJson(r, known)}`);
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
