import type { BundleResult, CheckOptions } from "../core/check-bundle.js";
import { isOk } from "../core/check-bundle.js";
import { checkInput, type InputJudgement } from "../core/check-input.js";
import { type Finding, finding } from "../core/finding.js";
import { prepareSecretParser } from "../core/kubernetes-secret.js";
import { LIMITS } from "../core/limits.js";
import { CertCache } from "../core/x509/cert-cache.js";
import { UsageError } from "./errors.js";
import { readInputFileSync } from "./options.js";

export interface JudgeJob {
  options: CheckOptions;
  /** key.permissions, added to every result when --key was given */
  perm?: Finding;
  cwd: string;
  readStdin?: (limit: number) => Promise<Buffer>;
}

/**
 * One file at a time, read synchronously: at 10,000 small bundles the 16-deep fs/promises read-ahead spent
 * more in promise and thread-pool round trips than the reads themselves took (issue 16). Only one file is
 * ever held, at most `maxInputBytes + 1` bytes of it, so the memory bound of issue 13 holds as before.
 */
async function readInput(file: string, job: JudgeJob): Promise<Buffer | UsageError> {
  try {
    if (file === "-" && job.readStdin) return await job.readStdin(LIMITS.maxInputBytes);
    return readInputFileSync(job.cwd, file, "check");
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
}

export function unreadable(input: string, error: string): BundleResult {
  const findings = [finding("input.unreadable", { message: error, hint: "Check the path and its permissions." })];
  return { input, ok: false, error, certificates: [], path: [], findings };
}

/** One judged bundle; `parsed` is absent when the file could not be read. */
export type Judgement = InputJudgement;

/** One result per bundle: a file holds one, a Kubernetes Secret List one per Secret (and key) with certificates. */
function judge(file: string, bytes: Buffer | UsageError, job: JudgeJob, cache: CertCache): Judgement[] {
  if (bytes instanceof UsageError) return [{ result: unreadable(file, bytes.message.replace(/^check: /, "")) }];
  const checked = checkInput(bytes, file === "-" ? "<stdin>" : file, job.options, cache);
  for (const { result } of checked)
    if (job.perm) {
      result.findings.push(job.perm);
      result.ok = isOk(result.findings, job.options.strict);
    }
  return checked;
}

/** Judges files in order. One call is one run: the files share one CertCache, which dies with the run. */
export async function* judgeFiles(files: string[], job: JudgeJob): AsyncGenerator<Judgement> {
  const cache = new CertCache();
  for (const file of files) {
    const bytes = await readInput(file, job);
    if (bytes instanceof Buffer) await prepareSecretParser(bytes);
    yield* judge(file, bytes, job, cache);
  }
}
