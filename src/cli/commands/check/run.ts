import type { CheckOptions } from "../../../core/check-bundle.js";
import { DEFAULTS } from "../../../core/defaults.js";
import { displayText } from "../../../core/display-text.js";
import { toPem } from "../../../core/input/pem.js";
import type { OfflineCrls } from "../../../core/revocation/plan.js";
import { type SettledResult, settleInput } from "../../../core/verdict/judge-input.js";
import type { VerdictPolicy } from "../../../core/verdict/verdict.js";
import { createCheckReporter, FORMATS, type Format, type Summary } from "../../../report/check-reporter.js";
import { batchedWriter } from "../../batched-writer.js";
import { UsageError } from "../../errors.js";
import { type ExpandedInputs, expandInputs } from "../../inputs.js";
import type { Io } from "../../io.js";
import { parseMilliseconds } from "../../option-values.js";
import { fileMode } from "../../options.js";
import { colorLevel, painter } from "../../paint.js";
import type { PasswordFlags } from "../../password.js";
import { repoRoot } from "../../repo-root.js";
import { type JudgeJob, type Judgement, judgeFiles } from "./judge-files.js";
import { checkOptions, verdictPolicy } from "./options.js";

type Parsed = NonNullable<Extract<Judgement, { observed: unknown }>["parsed"]>;
/** each certificate's OCSP/CRL check gets timeoutMs in all; private addresses only when asked */
type RevocationFetch = { timeoutMs: number; allowPrivate: boolean };

export interface CheckFlags {
  json?: boolean;
  format?: string;
  at?: string;
  warnDays?: string;
  failDays?: string;
  key?: string;
  scope?: string;
  strict?: boolean;
  color?: boolean;
  trust?: string;
  purpose?: string;
  online?: boolean;
  timeout?: string;
  allowPrivateUrls?: boolean;
  /** `--crl-file`, repeatable */
  crlFile?: string[];
  registered?: string;
  alias?: string;
  config?: string;
}

/**
 * `check` on a keystore judges the certificates `fix` would take from it, as PEM. `flush` writes the
 * results held so far, so that a password prompt comes after them.
 */
function keystoreUnlocker(flags: CheckFlags & PasswordFlags, io: Io, flush: () => void) {
  return async (bytes: Buffer): Promise<Buffer> => {
    const { readKeystore, keystoreCertificates } = await import("../../../core/input/java-keystore.js");
    const { readPassword } = await import("../../password.js");
    flush();
    const store = readKeystore(bytes, await readPassword(flags, io, "keystore"));
    return Buffer.from(
      keystoreCertificates(store, flags.alias)
        .certs.map((c) => toPem(c.der))
        .join(""),
    );
  };
}

/** Folders that could not be read and inputs that matched nothing: each one reported as unreadable. */
function notReadInputs(folders: { path: string; error: string }[], unmatched: string[]) {
  return [
    ...folders.map(({ path, error }) => ({ input: path, error, warning: `check: ${displayText(path)}: ${error}` })),
    ...unmatched.map((p) => ({
      input: p,
      error: "matched no file (.pem, .crt, .cer, .der, .p7b)",
      warning: `${displayText(p)} matched no file`,
    })),
  ];
}

/**
 * The inputs that gave no file to judge, after the results: a folder searched before is a note, a folder
 * that could not be read and an input that matched nothing are unreadable results. Returns the silenced count.
 */
function reportNotJudged(
  inputs: Pick<ExpandedInputs, "unmatched" | "searched"> & { folders: ExpandedInputs["unreadable"] },
  tally: Tally,
  policy: VerdictPolicy,
): number {
  let silenced = 0;
  for (const { input, as } of inputs.searched) tally.warn(`connectpay-cert: ${searchedNote(input, as)}\n`);
  for (const { input, error, warning } of notReadInputs(inputs.folders, inputs.unmatched)) {
    tally.warn(`connectpay-cert: ${warning}.\n`);
    silenced += tally.report(settleInput({ kind: "unreadable", input, error }, policy));
  }
  return silenced;
}

/**
 * A folder named again (`check d ./d`), or inside one named before: its files were judged once, under the
 * first name, as a file named twice is. Said, so that the input is not taken for one that matched nothing.
 */
function searchedNote(input: string, as: string): string {
  const under = as === input ? "" : ` as ${as}`;
  return displayText(`${input}: a folder already searched${under}; its files were checked once.`);
}

/** CONNECTPAY_CERT_THREADS: 1 keeps `check` on one thread, 2 starts the second one for any number of files. */
function signatureThread(threads?: string): JudgeJob["signatureThread"] {
  return threads === "1" ? "never" : threads === "2" ? "always" : "auto";
}

/** Judges each input on its own and streams the results; exit 2 if any input could not be read. */
export async function checkCommand(inputs: string[], flags: CheckFlags & PasswordFlags, io: Io): Promise<number> {
  const format = formatOf(flags);
  // Parsed up front, with or without --online, so a bad value is refused before any file is read.
  const timeoutMs = parseMilliseconds("--timeout", flags.timeout) ?? DEFAULTS.timeoutMs;
  const options = await checkOptions(flags, io);
  const policy = await verdictPolicy(flags, io);
  // The CRL reader loads only for --crl-file: a run without it never runs (or caches) that code.
  const offline = flags.crlFile?.length
    ? await (await import("../../crl-files.js")).readCrlFiles(io.cwd, flags.crlFile)
    : undefined;
  const { files, walked, unmatched, unreadable: folders, searched } = await expandInputs(inputs, io.cwd);
  // A person gets the one-line error; a CI format still writes its document, naming each unmatched input
  // (a Prometheus textfile emptied by a glob that matched nothing would silence every alert on it).
  if (files.length === 0 && folders.length === 0 && format === "human")
    throw new UsageError(`nothing to check: ${unmatched.join(", ")} matched no file (.pem, .crt, .cer, .der, .p7b).`);
  const key = flags.key ? await fileMode(io.cwd, flags.key) : undefined;
  const tally = await createTally(format, flags, io, files.length > 1);
  const job = {
    options,
    key,
    cwd: io.cwd,
    readStdin: io.readStdin,
    unlockKeystore: keystoreUnlocker(flags, io, tally.flush),
    named: new Set(inputs),
    signatureThread: signatureThread(io.env.CONNECTPAY_CERT_THREADS),
  };
  const run = { flags, options, timeoutMs, policy, offline };
  // Results held by the batched writer go out before any error of this run is printed, as they always did.
  let silenced = await judgeAll(judgeFiles({ files, walked }, job), tally, run).catch((err) => {
    tally.flush();
    throw err;
  });
  silenced += reportNotJudged({ folders, unmatched, searched }, tally, policy);
  if (nothingJudged(tally)) {
    const why = nothingJudgedText(tally.summary.skipped ?? 0);
    tally.warn(`connectpay-cert: check: ${displayText(`${inputs.join(", ")}: ${why}`)}\n`);
    tally.report(settleInput({ kind: "unreadable", input: inputs.join(", "), error: why }, policy));
  }
  tally.end();
  if (policy.config) saySilenced(silenced, policy.config.file, format, io);
  if (tally.summary.unreadable) return 2;
  return tally.summary.rejected ? 1 : 0;
}

/**
 * The reporter and the counts of one run: every result goes through `report`, in order. The report is
 * written in large pieces (batched-writer.ts); `warn` writes what is held first, so stdout and stderr
 * interleave as they always did.
 */
async function createTally(format: Format, flags: CheckFlags, io: Io, many: boolean) {
  const chalk = await painter(format === "human" ? colorLevel(flags, io) : 0);
  // One input has no earlier result to show while it waits (a prompt flushes first): no timer for it.
  const out = batchedWriter((t) => io.stdout(t), undefined, many ? setImmediate : null);
  const warn = (text: string) => {
    out.flush();
    io.stderr(text);
  };
  // Only SARIF and GitHub name files relative to the repository; the others need no walk up to its root.
  const base = { cwd: io.cwd, root: format === "sarif" || format === "github" ? repoRoot(io.cwd) : io.cwd };
  const reporter = await createCheckReporter(format, {
    write: out.write,
    warn,
    chalk,
    runAt: new Date(),
    clock: () => performance.now(),
    // Only JUnit names the machine; node:os stays unloaded otherwise (test/cli/start-up.test.ts).
    hostname: format === "junit" ? (await import("node:os")).hostname() : "",
    ...base,
  });
  const summary: Summary = { files: 0, accepted: 0, rejected: 0, unreadable: 0 };
  return {
    summary,
    /** results that judged at least one certificate (key files and skipped files judge none) */
    judged: 0,
    /** Reports a settled result; returns how many of its findings the config file switched off. */
    report({ result: r, silenced }: SettledResult): number {
      summary.files++;
      if (r.certificates.length) this.judged++;
      if (r.error) summary.unreadable++;
      else if (r.ok) summary.accepted++;
      else summary.rejected++;
      reporter.result(r);
      return silenced;
    },
    flush: out.flush,
    warn,
    end() {
      reporter.end(summary);
      out.flush();
    },
  };
}

interface JudgeRun {
  flags: CheckFlags;
  options: CheckOptions;
  timeoutMs: number;
  policy: VerdictPolicy;
  /** `--crl-file` */
  offline?: OfflineCrls;
}

/**
 * Streams each judgement to the reporter, settled by core with the run's policy (revocation first with
 * --online); returns how many findings the config file switched off.
 */
async function judgeAll(judgements: AsyncGenerator<Judgement>, tally: Tally, run: JudgeRun): Promise<number> {
  const { flags, options } = run;
  let silenced = 0;
  for await (const judgement of judgements) {
    if ("skipped" in judgement) {
      tally.summary.skipped = (tally.summary.skipped ?? 0) + 1;
      continue;
    }
    const { observed, parsed } = judgement;
    if (observed.kind === "unreadable") tally.warn(`connectpay-cert: check: ${displayText(observed.error)}\n`);
    else if (
      observed.kind === "bundle" &&
      (flags.online || run.offline) &&
      parsed &&
      observed.result.certificates.length
    ) {
      const fetch = flags.online
        ? { timeoutMs: run.timeoutMs, allowPrivate: Boolean(flags.allowPrivateUrls) }
        : undefined;
      observed.revocation = await revocationOf(parsed, options, { fetch, offline: run.offline });
    }
    silenced += tally.report(settleInput(observed, run.policy));
  }
  return silenced;
}

type Tally = Awaited<ReturnType<typeof createTally>>;

/**
 * Nothing failed, but no certificate was judged either (a folder of notes, of key files only):
 * a CI job that checked no chain must not pass as if the chain were fine.
 */
function nothingJudged(tally: Tally): boolean {
  const s = tally.summary;
  return tally.judged === 0 && s.rejected === 0 && s.unreadable === 0;
}

function nothingJudgedText(skipped: number): string {
  const files = skipped ? `${skipped} file(s) skipped because no certificate is in them` : "only key files were found";
  return `no certificate was judged: ${files}`;
}

/** A person reads it under the report; machine formats keep stdout to their document. */
function saySilenced(silenced: number, file: string, format: Format, io: Io): void {
  const line = `${silenced} finding(s) silenced by "findings" in ${displayText(file)}.\n`;
  if (format === "human") io.stdout(`\n${line}`);
  else io.stderr(`connectpay-cert: ${line}`);
}

/**
 * `--online` and `--crl-file`: OCSP or CRLs for the leaf and intermediates, as ConnectPay's application
 * checks OCSP: the findings and each certificate's status, for core to settle.
 */
async function revocationOf(
  parsed: Parsed,
  options: CheckOptions,
  sources: { fetch?: RevocationFetch; offline?: OfflineCrls },
) {
  const { pathRevocation } = await import("../../run-revocation.js");
  return pathRevocation(parsed, options.at, sources.fetch, { offline: sources.offline, anchors: options.anchors });
}

function formatOf(flags: CheckFlags): Format {
  if (flags.json) {
    if (flags.format && flags.format !== "json")
      throw new UsageError(`--json and --format ${flags.format} contradict each other.`);
    return "json";
  }
  const format = flags.format ?? "human";
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format: "${format}" is not one of ${FORMATS.join(", ")}.`);
  return format as Format;
}
