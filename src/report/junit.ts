import pkg from "../../package.json" with { type: "json" };
import type { BundleResult } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import { levelOf, suppressionText } from "../core/verdict/verdict.js";
import { isoString } from "../core/x509/iso-time.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
// XML 1.0 §2.2 cannot carry most control characters, U+FFFE, U+FFFF or a lone surrogate, even escaped:
// displayText shows them as `\x01`, `\uffff`, so the document stays well-formed and nothing is hidden.
const xml = (s: string) => xmlEscape(displayText(s));
/** Seconds with millisecond precision, as xs:decimal (the Ant schema's type for `time`). */
const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/**
 * JUnit XML, valid for Jenkins' junit-10.xsd (test/report/junit-xsd.test.ts), with the testsuite attributes
 * the strict Ant schema requires (`timestamp`, `hostname`, `id`, `package`). One test case per bundle, its
 * `time` the seconds spent on it; findings that fail it are in <failure>. The totals go in the header, so
 * the small per-bundle cases are kept until the end (not the reports themselves).
 */
export function junitReporter(opts: ReporterOptions): CheckReporter {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  const started = opts.clock();
  let last = started;
  return {
    result(r: BundleResult) {
      const now = opts.clock();
      const time = seconds(now - last);
      last = now;
      const name = `<testcase classname="connectpay-cert.check" name="${xml(r.input)}" time="${time}">`;
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
      opts.write(header(counts, seconds(opts.clock() - started), opts));
      for (const c of cases) opts.write(`    ${c}\n`);
      opts.write("    <system-out/>\n    <system-err/>\n  </testsuite>\n</testsuites>\n");
    },
  };
}

/** Everything before the test cases: the totals, the run's time, and the Ant schema's suite attributes. */
function header(counts: string, time: string, opts: ReporterOptions): string {
  // The Ant schema's timestamp is a dateTime without a zone; it is UTC here.
  const timestamp = isoString(opts.runAt).slice(0, 19);
  const host = xml(opts.hostname || "localhost");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="connectpay-cert" ${counts} time="${time}">`,
    `  <testsuite name="connectpay-cert check" ${counts} skipped="0" time="${time}" timestamp="${timestamp}" hostname="${host}" id="0" package="connectpay-cert">`,
    `    <properties><property name="connectpay-cert.version" value="${xml(pkg.version)}"/></properties>\n`,
  ].join("\n");
}
