import type { ChalkInstance } from "chalk";
import type { BundleResult } from "../core/check-bundle.js";
import type { PathBase } from "./artifact-path.js";

export const FORMATS = ["human", "json", "github", "junit", "prometheus", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export interface Summary {
  files: number;
  accepted: number;
  rejected: number;
  unreadable: number;
  /** files a scan found that hold no certificate (notes, CSRs): present only when there were any */
  skipped?: number;
}

/** Receives results one at a time, so 10,000 inputs are never all held in memory. */
export interface CheckReporter {
  result(r: BundleResult): void;
  end(summary: Summary): void;
}

/**
 * What a reporter needs to write. There is no --strict here on purpose: whether a finding fails the run is
 * decided once in core (core/verdict) and every format reads it from the finding's `fails` mark. `cwd` and
 * `root` (the repository root, else cwd): CI formats name files relative to the root.
 */
export interface ReporterOptions extends PathBase {
  write(text: string): void;
  /** a diagnostic on stderr, after what the report holds so far */
  warn(text: string): void;
  chalk: ChalkInstance;
  /** when this run happened (the CLI's clock, not `--at`): Prometheus's staleness alert compares it to time() */
  runAt: Date;
  /** milliseconds on a monotonic clock, for the time JUnit reports per input */
  clock(): number;
  /** this machine's name (JUnit's testsuite `hostname`) */
  hostname: string;
}

export async function createCheckReporter(format: Format, opts: ReporterOptions): Promise<CheckReporter> {
  if (format === "json") return (await import("./json.js")).jsonReporter(opts);
  if (format === "github") return (await import("./github.js")).githubReporter(opts);
  if (format === "junit") return (await import("./junit.js")).junitReporter(opts);
  if (format === "prometheus") return (await import("./prometheus.js")).prometheusReporter(opts);
  if (format === "sarif") return (await import("./sarif.js")).sarifReporter(opts);
  return (await import("./human.js")).humanReporter(opts);
}
