// The one place a run's verdict is decided. Every finding, wherever it was observed (the bundle's rules, the
// file's mode bits, a scan, OCSP/CRL answers), comes here with what changes its weight (--strict, the config
// file's switches), and leaves marked: does it fail the run, and was it silenced or re-graded (and by what).
// Reporters only read these marks; none of them decides anything again.

import type { Finding, Severity } from "../findings/finding.js";
import type { FindingSwitch, FindingSwitches } from "./findings-config.js";

/** A config file switched a finding off or re-graded it, and without it the finding would fail the run. */
export interface Suppression {
  by: "config";
  /** the config file, as the user named it (or the default name when it was found in the current folder) */
  file: string;
  /** what the file says for this id: "off", or the severity it re-grades the finding to */
  setting: FindingSwitch;
  /** the severity the finding had before the config file re-graded it */
  severity: Severity;
}

/** A finding as this run weighs it: the `findings[]` element of `check --json`. */
export interface JudgedFinding extends Finding {
  /** true when this finding alone makes the input fail (an error, or a warning under --strict) */
  fails: boolean;
  /** present when a config file silenced or re-graded a finding that would otherwise fail the run */
  suppressed?: Suppression;
}

/** Everything besides the findings that decides the verdict. */
export interface VerdictPolicy {
  /** --strict: warnings fail too */
  strict: boolean;
  /** the repository's per-finding switches (`"findings"` in the config file) and the file they came from */
  config?: { file: string; switches: FindingSwitches };
}

export interface Verdict {
  ok: boolean;
  /** the findings to report, in order; a switched-off finding that would not have failed the run is left out */
  findings: JudgedFinding[];
  /** how many findings the config file switched off or re-graded down, reported or not */
  silenced: number;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

const failsAt = (severity: Severity, strict: boolean) => severity === "error" || (strict && severity === "warning");

/**
 * The verdict over one input's findings. A switched-off finding that would have failed the run stays in the
 * report, marked suppressed and not failing; one that would not have failed it (an info, a warning without
 * --strict) is left out, as the config asked. A re-graded finding keeps its new severity, and is marked
 * suppressed when the re-grade is what keeps it from failing.
 */
export function decideVerdict(findings: Finding[], policy: VerdictPolicy): Verdict {
  const judged: JudgedFinding[] = [];
  let silenced = 0;
  for (const raw of findings) {
    // Already judged the same way (the bundle's own verdict, weighed again with the cli's observations):
    // kept as it is, which is what copying it without its marks and marking it again would give.
    if (unchanged(raw, policy)) {
      judged.push(raw);
      continue;
    }
    const f = baseFinding(raw);
    const setting = policy.config?.switches[f.id];
    const wouldFail = failsAt(f.severity, policy.strict);
    if (setting === undefined) {
      judged.push(withFails(f, wouldFail));
      continue;
    }
    const severity = setting === "off" ? f.severity : setting;
    // A re-grade down quiets a finding as "off" does, so the footer counts both; a re-grade up does not.
    if (setting === "off" || RANK[severity] < RANK[f.severity]) silenced++;
    const fails = setting !== "off" && failsAt(severity, policy.strict);
    if (setting === "off" && !wouldFail) continue;
    const out: JudgedFinding = { ...f, severity, fails };
    if (wouldFail && !fails && policy.config)
      out.suppressed = { by: "config", file: policy.config.file, setting, severity: f.severity };
    judged.push(out);
  }
  return { ok: !judged.some((f) => f.fails), findings: judged, silenced };
}

/**
 * `{ ...f, fails }`: the same keys in the same order (JSON's), copied by Object.assign. Findings come in
 * several shapes (optional certificate, hint, line), and V8 copied a spread of them on its slow path: 2 µs
 * a finding at 10,000 bundles (decideVerdict's own time, 46 ms of a 10k run); Object.assign ~3.5× faster in
 * a micro-benchmark. A finding has no setters, no `__proto__` key: the copies are equal.
 */
function withFails(f: Finding, fails: boolean): JudgedFinding {
  const out = Object.assign({}, f) as JudgedFinding;
  out.fails = fails;
  return out;
}

/** A finding an earlier verdict marked as this one would: no switch for its id, not suppressed, the same `fails`. */
function unchanged(f: Finding | JudgedFinding, policy: VerdictPolicy): f is JudgedFinding {
  if (!("fails" in f) || f.suppressed !== undefined || policy.config?.switches[f.id] !== undefined) return false;
  return f.fails === failsAt(f.severity, policy.strict);
}

/** A finding without the marks of an earlier verdict, so that deciding again starts from what was observed. */
function baseFinding(f: Finding | JudgedFinding): Finding {
  if (!("fails" in f)) return f;
  const { fails: _fails, suppressed, ...rest } = f;
  return suppressed ? { ...rest, severity: suppressed.severity } : rest;
}

/**
 * How a format shows a finding in this run: "error" when it fails the run (a warning under --strict
 * included), "off" when the config file switched it off, else its severity.
 */
export function levelOf(f: JudgedFinding): Severity | "off" {
  if (f.fails) return "error";
  if (f.suppressed?.setting === "off") return "off";
  return f.severity;
}

/** The findings a config file kept from failing the run, counted by the severity they had before it. */
export function suppressedCounts(findings: JudgedFinding[]): { error: number; warning: number; file?: string } {
  const counts: { error: number; warning: number; file?: string } = { error: 0, warning: 0 };
  for (const f of findings) {
    if (!f.suppressed) continue;
    counts.file ??= f.suppressed.file;
    if (f.suppressed.severity === "error") counts.error++;
    else if (f.suppressed.severity === "warning") counts.warning++;
  }
  return counts;
}

/** What a suppression mark says, for the formats that print text: "switched off by FILE" and the like. */
export function suppressionText(s: Suppression): string {
  const what = s.setting === "off" ? "switched off" : `re-graded from ${s.severity} to ${s.setting}`;
  return `${what} by ${s.file}; ConnectPay's gateway does not read that file`;
}
