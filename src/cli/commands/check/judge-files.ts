import type { CheckOptions } from "../../../core/check-bundle.js";
import { checkInput, type InputJudgement, refusedInput } from "../../../core/check-input.js";
import { kdfIterationsFinding, pkcs7LimitFinding } from "../../../core/findings/read.js";
import { AliasError, DecodeError, PasswordError } from "../../../core/input/decode-errors.js";
import { keystoreType } from "../../../core/input/keystore-type.js";
import { prepareSecretParser } from "../../../core/input/kubernetes-secret.js";
import { toPem } from "../../../core/input/pem.js";
import { scanKind } from "../../../core/input/scan-kind.js";
import { fileInHint } from "../../../core/input/shell-arg.js";
import { lfsPointerUnreadable } from "../../../core/input/sniff.js";
import { type DecodedText, decodeText } from "../../../core/input/text.js";
import { LIMITS } from "../../../core/limits.js";
import type { ObservedInput } from "../../../core/verdict/judge-input.js";
import type { FileMode } from "../../../core/verdict/observations.js";
import { CertCache } from "../../../core/x509/cert-cache.js";
import { UsageError } from "../../errors.js";
import { tuneHeapForManyFiles } from "../../heap-growth.js";
import { fileMode } from "../../options.js";
import { FileReader } from "./file-reader.js";

export interface JudgeJob {
  options: CheckOptions;
  /** `--key`: the key file's mode bits, observed once; core judges them for every result */
  key?: FileMode;
  cwd: string;
  readStdin?: (limit: number) => Promise<Buffer>;
  /** the certificates of a JKS/JCEKS keystore as PEM (`check` reads them the way `fix` does) */
  unlockKeystore?: (bytes: Buffer) => Promise<Buffer>;
  /**
   * the inputs named on the command line; any other file (a folder's or a glob's) is judged as a scan: key
   * files and notes beside chains are named, not errors
   */
  named?: ReadonlySet<string>;
  /**
   * whether leaves' signatures are checked on a second thread while earlier files are judged: "auto" for
   * thousands of files on two CPUs or more; CONNECTPAY_CERT_THREADS=1 says "never", =2 "always" (docs/limits.md)
   */
  signatureThread?: "auto" | "never" | "always";
}

/** The files to judge, in order, and for each whether a folder walk found it (inputs.ts, ExpandedInputs). */
export interface FileList {
  files: string[];
  walked?: Uint8Array;
}

interface Input {
  bytes: Buffer;
  /** the bytes' text, decoded once for every reader of this input */
  decoded: DecodedText;
  /** the PEM was made from a keystore: its lines are not the file's */
  fromKeystore?: boolean;
}

/**
 * The input as judged: standard input is read at its turn, and a keystore is unlocked then (it may ask). A file
 * read ahead comes with its text.
 */
async function readInput(
  file: string,
  bytes: Buffer | undefined,
  job: JudgeJob,
  ahead?: DecodedText,
): Promise<Input | UsageError> {
  try {
    const read = bytes ?? (await (job.readStdin as NonNullable<JudgeJob["readStdin"]>)(LIMITS.maxInputBytes));
    if (!job.unlockKeystore || !keystoreType(read)) return { bytes: read, decoded: ahead ?? decodeText(read) };
    const pem = await job.unlockKeystore(read);
    return { bytes: pem, decoded: decodeText(pem), fromKeystore: true };
  } catch (err) {
    if (err instanceof UsageError) return err;
    if (err instanceof PasswordError || err instanceof AliasError || err instanceof DecodeError)
      return new UsageError(`${file}: ${err.message}.`);
    throw err;
  }
}

/**
 * What was seen of one input, for core to settle (core/verdict/judge-input.ts); `parsed` is absent when
 * nothing was parsed; `skipped` when a scan found no certificate (nothing to judge).
 */
export type Judgement = { observed: ObservedInput; parsed?: InputJudgement["parsed"] } | { skipped: string };

/** One judgement per bundle: a file holds one, a Kubernetes Secret List one per Secret (and key) with certificates. */
async function judge(file: string, input: Input | UsageError, job: JudgeJob, cache: CertCache): Promise<Judgement[]> {
  if (input instanceof UsageError)
    return [{ observed: { kind: "unreadable", input: file, error: input.message.replace(/^check: /, "") } }];
  const scanned = job.named && !job.named.has(file) ? await judgeScanned(file, input, job) : undefined;
  if (scanned && !Buffer.isBuffer(scanned)) return [scanned];
  const bytes = scanned ?? input.bytes;
  const decoded = scanned ? decodeText(scanned) : input.decoded;
  const checked = checkInput(bytes, file === "-" ? "<stdin>" : file, job.options, cache, decoded);
  return checked.map(({ result, parsed }) => {
    // PEM made in memory (from a keystore, a Secret, or a DER/PKCS#7 file a scan found): its line numbers
    // are not the file's, and SARIF would point at text that is not there.
    if (input.fromKeystore || Buffer.isBuffer(scanned) || result.secret) delete result.lines;
    return { observed: { kind: "bundle", result, key: job.key }, parsed };
  });
}

/**
 * A file a scan found: a key file gets its permission check, text without certificates is skipped, and
 * DER/PKCS#7/PKCS#12 (without password) certificates come back as PEM to be judged like any chain.
 */
async function judgeScanned(file: string, input: Input, job: JudgeJob): Promise<Judgement | Buffer | undefined> {
  const { bytes, decoded } = input;
  const kind = scanKind(bytes, decoded);
  if (kind === "not-certificate") return { skipped: file };
  // Unreadable, as a file that could not be read: the certificate it stands for was not checked (exit 2).
  if (kind === "lfs-pointer") return { observed: { kind: "unreadable", input: file, ...lfsPointerUnreadable(file) } };
  if (kind === "key-file") return { observed: { kind: "key-file", mode: await fileMode(job.cwd, file) } };
  if (kind !== "binary-certificates") return undefined;
  // DER, PKCS#7 and PKCS#12 readers load only when a scan finds such a file: a PEM run never runs their code.
  const [{ decodeAny }, { Pkcs12CostError }, { Pkcs7LimitError }] = await Promise.all([
    import("../../../core/input/decode-any.js"),
    import("../../../core/input/pkcs12-cost.js"),
    import("../../../core/input/pkcs7.js"),
  ]);
  const certs = await decodeAny(bytes, async () => "", { decoded }).then(
    (d) => d.certs,
    (err) => (err instanceof Pkcs12CostError || err instanceof Pkcs7LimitError ? err : []),
  );
  if (Array.isArray(certs)) return certs.length ? Buffer.from(certs.map((c) => toPem(c.der)).join("")) : undefined;
  // Refused before any key derivation, or past a limit: the file says which limit, not that it is not PEM.
  const refusal =
    certs instanceof Pkcs12CostError
      ? kdfIterationsFinding(certs.problem)
      : pkcs7LimitFinding(LIMITS.maxPkcs7Certificates, fileInHint(certs.hint, file));
  return { observed: { kind: "bundle", result: refusedInput(file, refusal, job.options.strict) } };
}

/**
 * Judges files in order. One call is one run: the files share one CertCache and one record of the real
 * files read, which die with the run. The reader (file-reader.ts) may read many files ahead of their turn.
 */
export async function* judgeFiles(list: FileList, job: JudgeJob): AsyncGenerator<Judgement> {
  const restoreHeap = await tuneHeapForManyFiles(list.files.length);
  const cache = new CertCache();
  const reader = new FileReader(list, job, cache);
  try {
    for (let i = 0; i < list.files.length; i++) {
      const file = list.files[i];
      const read = await reader.next(i);
      if (read?.failed) throw read.failed.error;
      if (read && !read.bytes) continue;
      const input =
        read?.bytes instanceof UsageError ? read.bytes : await readInput(file, read?.bytes, job, read?.decoded);
      if (!(input instanceof UsageError)) await prepareSecretParser(input.decoded.text);
      yield* await judge(file, input, job, cache);
    }
  } finally {
    restoreHeap();
    await reader.close();
  }
}
