import type { BundleResult } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import { levelOf, suppressionText } from "../core/verdict/verdict.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

// GitHub Actions workflow commands: docs.github.com/actions/reference/workflow-commands-for-github-actions
// CR and LF keep GitHub's own escaping (the annotation shows the line break); ESC and the rest are shown.
const escapeData = (s: string) =>
  displayText(s, "\r\n").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

// A failing finding is ::error (a warning under --strict too); a switched-off one a notice that says so.
const COMMAND = { error: "error", warning: "warning", info: "notice", off: "notice" } as const;

export function githubReporter(opts: ReporterOptions): CheckReporter {
  return {
    result(r: BundleResult) {
      for (const f of r.findings) {
        const title = escapeProperty(`connectpay-cert ${f.id}`);
        const text = f.hint ? `${f.message} ${f.hint}` : f.message;
        const message = escapeData(f.suppressed ? `${text} (${suppressionText(f.suppressed)})` : text);
        const command = COMMAND[levelOf(f)];
        opts.write(`::${command} file=${escapeProperty(r.input)},title=${title}::${message}\n`);
      }
    },
    end(s) {
      opts.write(
        `connectpay-cert: ${s.files} file(s) checked: ${s.accepted} accepted, ${s.rejected} rejected, ${s.unreadable} unreadable${s.skipped ? `, ${s.skipped} skipped (no certificate in them)` : ""}\n`,
      );
    },
  };
}
