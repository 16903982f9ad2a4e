import type { BundleResult } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import { levelOf, suppressionText } from "../core/verdict/verdict.js";
import { findingLine, type PathBase, rootRelativeSegments } from "./artifact-path.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";

// GitHub Actions workflow commands: docs.github.com/actions/reference/workflow-commands-for-github-actions
// Percent-encoding is GitHub's own escaping: the runner decodes %25, %0D, %0A (and in properties %3A, %2C).
const percent = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const percentProperty = (s: string) => percent(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
// CR and LF keep GitHub's escaping (the annotation shows the line break); ESC and the rest are shown.
const escapeData = (s: string) => percent(displayText(s, "\r\n"));
const escapeProperty = (s: string) => percentProperty(displayText(s, "\r\n"));

// A file name goes as it is, so the annotation lands on that file: GitHub decodes only its own escapes, so a
// tab or another C0 character that does nothing on a terminal is passed raw. What acts on a terminal or a
// log view (BEL, BS, VT, FF, the SO/SI charset shifts, ESC, DEL, C1, bidi controls, U+2028/U+2029) is still
// shown as an escape: such a name cannot be annotated without handing those to whatever shows the log.
const INERT_C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i))
  .filter((c) => !"\u0007\u0008\u000b\u000c\u000e\u000f\u001b".includes(c))
  .join("");
const escapeFile = (s: string) => percentProperty(displayText(s, INERT_C0));

// A failing finding is ::error (a warning under --strict too); a switched-off one a notice that says so.
const COMMAND = { error: "error", warning: "warning", info: "notice", off: "notice" } as const;

/** The path GitHub matches an annotation against: relative to the repository root when the file is inside it. */
function annotatedPath(input: string, base: PathBase): string {
  return rootRelativeSegments(input, base)?.join("/") ?? input;
}

export function githubReporter(opts: ReporterOptions): CheckReporter {
  return {
    result(r: BundleResult) {
      const file = escapeFile(annotatedPath(r.input, opts));
      for (const f of r.findings) {
        const title = escapeProperty(`connectpay-cert ${f.id}`);
        const text = f.hint ? `${f.message} ${f.hint}` : f.message;
        const message = escapeData(f.suppressed ? `${text} (${suppressionText(f.suppressed)})` : text);
        const line = findingLine(r, f);
        const command = COMMAND[levelOf(f)];
        opts.write(`::${command} file=${file},${line ? `line=${line},` : ""}title=${title}::${message}\n`);
      }
    },
    end(s) {
      opts.write(
        `connectpay-cert: ${s.files} file(s) checked: ${s.accepted} accepted, ${s.rejected} rejected, ${s.unreadable} unreadable${s.skipped ? `, ${s.skipped} skipped (no certificate in them)` : ""}\n`,
      );
    },
  };
}
