import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { BundleResult, CheckOptions } from "../core/check-bundle.js";
import { isOk } from "../core/check-bundle.js";
import { checkInput, type InputJudgement } from "../core/check-input.js";
import { DecodeError, PasswordError } from "../core/decode-errors.js";
import { type Finding, finding } from "../core/finding.js";
import { AliasError, keystoreType } from "../core/java-keystore.js";
import { prepareSecretParser } from "../core/kubernetes-secret.js";
import { LIMITS } from "../core/limits.js";
import { CertCache } from "../core/x509/cert-cache.js";
import { ByteBudget } from "./byte-budget.js";
import { UsageError } from "./errors.js";
import { readInputFile } from "./options.js";

export interface JudgeJob {
  options: CheckOptions;
  /** key.permissions, added to every result when --key was given */
  perm?: Finding;
  cwd: string;
  readStdin?: (limit: number) => Promise<Buffer>;
  /** the certificates of a JKS/JCEKS keystore as PEM (`check` reads them the way `fix` does) */
  unlockKeystore?: (bytes: Buffer) => Promise<Buffer>;
}

interface Input {
  bytes: Buffer;
  /** the PEM was made from a keystore: its lines are not the file's */
  fromKeystore?: boolean;
}

const READ_AHEAD = 16;
/**
 * Read-ahead holds at most two files at the size limit: a folder of 1.5 GB files read 16 at a time
 * peaked at 9 GB (issue 13); many small files still overlap their disk waits with judging.
 */
const READ_AHEAD_BYTES = 2 * (LIMITS.maxInputBytes + 1);

/** What a read will hold, from its size on disk; special files and errors hold nothing. */
async function costOf(file: string, job: JudgeJob): Promise<number> {
  if (file === "-") return LIMITS.maxInputBytes + 1;
  const st = await stat(resolve(job.cwd, file)).catch(() => undefined);
  return st?.isFile() ? Math.min(st.size, LIMITS.maxInputBytes) + 1 : 0;
}

async function readInput(file: string, job: JudgeJob): Promise<Input | UsageError> {
  try {
    const bytes =
      file === "-" && job.readStdin
        ? await job.readStdin(LIMITS.maxInputBytes)
        : await readInputFile(job.cwd, file, "check");
    if (!job.unlockKeystore || !keystoreType(bytes)) return { bytes };
    return { bytes: await job.unlockKeystore(bytes), fromKeystore: true };
  } catch (err) {
    if (err instanceof UsageError) return err;
    if (err instanceof PasswordError || err instanceof AliasError || err instanceof DecodeError)
      return new UsageError(`${file}: ${err.message}.`);
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
function judge(file: string, input: Input | UsageError, job: JudgeJob, cache: CertCache): Judgement[] {
  if (input instanceof UsageError) return [{ result: unreadable(file, input.message.replace(/^check: /, "")) }];
  const checked = checkInput(input.bytes, file === "-" ? "<stdin>" : file, job.options, cache);
  for (const { result } of checked) {
    // PEM made from a keystore: its line numbers are not the file's (SARIF would point at nothing).
    if (input.fromKeystore) delete result.lines;
    if (job.perm) {
      result.findings.push(job.perm);
      result.ok = isOk(result.findings, job.options.strict);
    }
  }
  return checked;
}

/**
 * Judges files in order, reading ahead so disk waits overlap with the (synchronous) judging. One call is
 * one run: the files share one CertCache, which dies with the run.
 */
export async function* judgeFiles(files: string[], job: JudgeJob): AsyncGenerator<Judgement> {
  const cache = new CertCache();
  const budget = new ByteBudget(READ_AHEAD_BYTES);
  const costs: number[] = [];
  // Budget is taken in file order, so the file judged next never waits behind a later one.
  let turn = Promise.resolve();
  const read = (i: number) => {
    turn = turn.then(async () => {
      costs[i] = await costOf(files[i], job);
      await budget.acquire(costs[i]);
    });
    return turn.then(() => readInput(files[i], job));
  };
  const pending: Promise<Input | UsageError>[] = files.slice(0, READ_AHEAD).map((_, i) => read(i));
  for (let i = 0; i < files.length; i++) {
    const input = await pending[i];
    if (i + READ_AHEAD < files.length) pending.push(read(i + READ_AHEAD));
    pending[i] = Promise.resolve({ bytes: Buffer.alloc(0) });
    if (!(input instanceof UsageError)) await prepareSecretParser(input.bytes);
    yield* judge(files[i], input, job, cache);
    budget.release(costs[i]);
  }
}
