import { type BundleResult, type CheckOptions, checkBundle, isOk } from "../core/check-bundle.js";
import { DecodeError, PasswordError } from "../core/decode-errors.js";
import { type Finding, finding } from "../core/finding.js";
import { AliasError, keystoreType } from "../core/java-keystore.js";
import { LIMITS } from "../core/limits.js";
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

function judge(file: string, input: Input | UsageError, job: JudgeJob): BundleResult {
  if (input instanceof UsageError) return unreadable(file, input.message.replace(/^check: /, ""));
  const result = checkBundle(input.bytes, file === "-" ? "<stdin>" : file, job.options);
  if (input.fromKeystore) delete result.lines;
  if (job.perm) {
    result.findings.push(job.perm);
    result.ok = isOk(result.findings, job.options.strict);
  }
  return result;
}

/** Judges files in order, reading ahead so disk waits overlap with the (synchronous) judging. */
export async function* judgeFiles(
  files: string[],
  job: JudgeJob,
): AsyncGenerator<{ result: BundleResult; bytes?: Buffer }> {
  const reads = files.map((file) => () => readInput(file, job));
  const pending: Promise<Input | UsageError>[] = reads.slice(0, READ_AHEAD).map((r) => r());
  for (let i = 0; i < files.length; i++) {
    const input = await pending[i];
    if (i + READ_AHEAD < files.length) pending.push(reads[i + READ_AHEAD]());
    pending[i] = Promise.resolve({ bytes: Buffer.alloc(0) });
    yield { result: judge(files[i], input, job), bytes: input instanceof UsageError ? undefined : input.bytes };
  }
}
