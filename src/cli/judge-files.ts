import { type BundleResult, type CheckedBundle, type CheckOptions, checkBundle, isOk } from "../core/check-bundle.js";
import { decodeAny } from "../core/decode-any.js";
import { type Finding, finding } from "../core/finding.js";
import { LIMITS } from "../core/limits.js";
import { toPem } from "../core/pem.js";
import { CertCache } from "../core/x509/cert-cache.js";
import { UsageError } from "./errors.js";
import { keyPermissionFinding, readInputFile } from "./options.js";
import { keyFileFinding, scanKind } from "./scan-kinds.js";

export interface JudgeJob {
  options: CheckOptions;
  /** key.permissions, added to every result when --key was given */
  perm?: Finding;
  cwd: string;
  readStdin?: (limit: number) => Promise<Buffer>;
  /** files a directory or glob found (not named on the command line): judged as a scan (issue 14) */
  scanned?: Set<string>;
}

const READ_AHEAD = 16;

async function readInput(file: string, job: JudgeJob): Promise<Buffer | UsageError> {
  try {
    if (file === "-" && job.readStdin) return await job.readStdin(LIMITS.maxInputBytes);
    return await readInputFile(job.cwd, file, "check");
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
}

export function unreadable(input: string, error: string): BundleResult {
  const findings = [finding("input.unreadable", { message: error, hint: "Check the path and its permissions." })];
  return { input, ok: false, error, certificates: [], path: [], findings };
}

/** One judged file; `parsed` is absent when the file could not be read; `skipped` when a scan found no certificate in it. */
export interface Judgement {
  result: BundleResult;
  parsed?: Omit<CheckedBundle, "result">;
  skipped?: boolean;
}

async function judge(file: string, bytes: Buffer | UsageError, job: JudgeJob, cache: CertCache): Promise<Judgement> {
  if (bytes instanceof UsageError) return { result: unreadable(file, bytes.message.replace(/^check: /, "")) };
  const scanned = job.scanned?.has(file) ? await judgeScanned(file, bytes, job) : undefined;
  if (scanned && !Buffer.isBuffer(scanned)) return scanned;
  const { result, ...parsed } = checkBundle(scanned ?? bytes, file === "-" ? "<stdin>" : file, job.options, cache);
  if (job.perm) {
    result.findings.push(job.perm);
    result.ok = isOk(result.findings, job.options.strict);
  }
  return { result, parsed };
}

/**
 * A file a scan found: a key file gets its permission check, text without certificates is skipped, and
 * DER/PKCS#7/PKCS#12 (without password) certificates come back as PEM to be judged like any chain.
 */
async function judgeScanned(file: string, bytes: Buffer, job: JudgeJob): Promise<Judgement | Buffer | undefined> {
  const kind = scanKind(bytes);
  if (kind === "not-certificate")
    return { result: { input: file, ok: true, certificates: [], path: [], findings: [] }, skipped: true };
  if (kind === "key-file") {
    const perm = await keyPermissionFinding(job.cwd, file);
    const findings = perm ? [keyFileFinding(file), perm] : [keyFileFinding(file)];
    return { result: { input: file, ok: isOk(findings, job.options.strict), certificates: [], path: [], findings } };
  }
  if (kind !== "binary-certificates") return undefined;
  const certs = await decodeAny(bytes, async () => "").then(
    (d) => d.certs,
    () => [],
  );
  return certs.length ? Buffer.from(certs.map((c) => toPem(c.der)).join("")) : undefined;
}

/**
 * Judges files in order, reading ahead so disk waits overlap with the (synchronous) judging. One call is
 * one run: the files share one CertCache, which dies with the run.
 */
export async function* judgeFiles(files: string[], job: JudgeJob): AsyncGenerator<Judgement> {
  const cache = new CertCache();
  const reads = files.map((file) => () => readInput(file, job));
  const pending: Promise<Buffer | UsageError>[] = reads.slice(0, READ_AHEAD).map((r) => r());
  for (let i = 0; i < files.length; i++) {
    const bytes = await pending[i];
    if (i + READ_AHEAD < files.length) pending.push(reads[i + READ_AHEAD]());
    pending[i] = Promise.resolve(Buffer.alloc(0));
    yield await judge(files[i], bytes, job, cache);
  }
}
