import type { BundleResult } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import { levelOf, suppressionText } from "../core/verdict/verdict.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
// XML 1.0 §2.2 cannot carry most control characters, U+FFFE, U+FFFF or a lone surrogate, even escaped:
// displayText shows them as `\x01`, `\uffff`, so the document stays well-formed and nothing is hidden.
const xml = (s: string) => xmlEscape(displayText(s));

/** JUnit XML: one test case per bundle; findings that fail it are in <failure>. The totals go in the
 * header, so the small per-bundle cases are kept until the end (not the reports themselves). */
export function junitReporter(opts: ReporterOptions): CheckReporter {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  return {
    result(r: BundleResult) {
      const name = `<testcase classname="connectpay-cert.check" name="${xml(r.input)}" time="0">`;
      const failing = r.findings.filter((f) => f.fails);
      const text = r.findings
        .map((f) => {
          const hint = f.hint ? ` (${f.hint})` : "";
          const suppressed = f.suppressed ? ` [${suppressionText(f.suppressed)}]` : "";
          return displayText(`${levelOf(f)} ${f.id}: ${f.message}${hint}${suppressed}`);
        })
        .join("\n");
      if (r.error) {
        errors++;
        cases.push(`${name}<error message="${xml(r.error)}" type="input.unreadable"/></testcase>`);
      } else if (failing.length) {
        failures++;
        const message = `${failing.length} finding(s): ${failing.map((f) => f.id).join(", ")}`;
        cases.push(
          `${name}<failure message="${xml(message)}" type="${xml(failing[0].id)}">${xmlEscape(text)}</failure></testcase>`,
        );
      } else cases.push(text ? `${name}<system-out>${xmlEscape(text)}</system-out></testcase>` : `${name}</testcase>`);
    },
    end(s) {
      const counts = `tests="${s.files}" failures="${failures}" errors="${errors}"`;
      opts.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="connectpay-cert" ${counts}>\n`);
      opts.write(`  <testsuite name="connectpay-cert check" ${counts} skipped="0" time="0">\n`);
      for (const c of cases) opts.write(`    ${c}\n`);
      opts.write("  </testsuite>\n</testsuites>\n");
    },
  };
}
