import { type BundleResult, type CheckOptions, isOk } from "../../../core/check-bundle.js";
import { DEFAULTS } from "../../../core/defaults.js";
import { displayText } from "../../../core/display-text.js";
import { toPem } from "../../../core/input/pem.js";
import type { OfflineCrls } from "../../../core/revocation/plan.js";
import { applyFindingSwitches, type FindingSwitches } from "../../../core/verdict/findings-config.js";
import type { Certificate } from "../../../core/x509/certificate.js";
import { createCheckReporter, FORMATS, type Format, type Summary } from "../../../report/check-reporter.js";
import { batchedWriter } from "../../batched-writer.js";
import { readCrlFiles } from "../../crl-files.js";
import { UsageError } from "../../errors.js";
import { expandInputs } from "../../inputs.js";
import type { Io } from "../../io.js";
import { parseAt, parseExpiryThreshold, parseMilliseconds, parsePurpose } from "../../option-values.js";
import { keyPermissionFinding, readOptionFile } from "../../options.js";
import { painter } from "../../paint.js";
import { loadLeafKey } from "../../private-key.js";
import { readFindingSwitches } from "./check-config.js";
import { type Judgement, judgeFiles, unreadable } from "./judge-files.js";

type Parsed = NonNullable<Judgement["parsed"]>;
/** each certificate's OCSP/CRL check gets timeoutMs in all; private addresses only when asked */
type RevocationFetch = { timeoutMs: number; allowPrivate: boolean };

import { type PasswordFlags, readPassword } from "../../password.js";
import { readRegistered } from "../../registered.js";

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
    flush();
    const store = readKeystore(bytes, await readPassword(flags, io, "keystore"));
    return Buffer.from(
      keystoreCertificates(store, flags.alias)
        .certs.map((c) => toPem(c.der))
        .join(""),
    );
  };
}

/** Judges each input on its own and streams the results; exit 2 if any input could not be read. */
export async function checkCommand(inputs: string[], flags: CheckFlags & PasswordFlags, io: Io): Promise<number> {
  const format = formatOf(flags);
  // Parsed up front, with or without --online, so a bad value is refused before any file is read.
  const timeoutMs = parseMilliseconds("--timeout", flags.timeout) ?? DEFAULTS.timeoutMs;
  const options = await buildOptions(flags, io);
  const config = await readFindingSwitches(flags.config, io);
  const offline = await readCrlFiles(io.cwd, flags.crlFile);
  const { files, unmatched, unreadable: folders } = await expandInputs(inputs, io.cwd);
  if (files.length === 0 && folders.length === 0)
    throw new UsageError(`nothing to check: ${unmatched.join(", ")} matched no file (.pem, .crt, .cer, .der, .p7b).`);
  const perm = flags.key ? await keyPermissionFinding(io.cwd, flags.key) : undefined;
  const tally = await createTally(format, flags, io, options.strict);
  const job = {
    options,
    perm,
    cwd: io.cwd,
    readStdin: io.readStdin,
    unlockKeystore: keystoreUnlocker(flags, io, tally.flush),
    scanned: scannedFiles(files, inputs),
  };
  const run = { flags, options, timeoutMs, switches: config.switches, offline };
  // Results held by the batched writer go out before any error of this run is printed, as they always did.
  const silenced = await judgeAll(judgeFiles(files, job), tally, run).catch((err) => {
    tally.flush();
    throw err;
  });
  for (const { path, error } of folders) {
    tally.warn(`connectpay-cert: check: ${displayText(path)}: ${error}.\n`);
    tally.report(unreadable(path, error));
  }
  for (const pattern of unmatched) {
    tally.warn(`connectpay-cert: ${displayText(pattern)} matched no file.\n`);
    tally.report(unreadable(pattern, "matched no file (.pem, .crt, .cer, .der, .p7b)"));
  }
  tally.end();
  if (config.file) saySilenced(silenced, config.file, format, io);
  if (tally.summary.unreadable) return 2;
  return tally.summary.rejected ? 1 : 0;
}

/**
 * The reporter and the counts of one run: every result goes through `report`, in order. The report is
 * written in large pieces (batched-writer.ts); `warn` writes what is held first, so stdout and stderr
 * interleave as they always did.
 */
async function createTally(format: Format, flags: CheckFlags, io: Io, strict: boolean) {
  const chalk = await painter(format === "human" ? colorLevel(flags, io) : 0);
  const out = batchedWriter((t) => io.stdout(t));
  const reporter = await createCheckReporter(format, { write: out.write, chalk, strict, runAt: new Date() });
  const summary: Summary = { files: 0, accepted: 0, rejected: 0, unreadable: 0 };
  return {
    summary,
    report(r: BundleResult) {
      summary.files++;
      if (r.error) summary.unreadable++;
      else if (r.ok) summary.accepted++;
      else summary.rejected++;
      reporter.result(r);
    },
    flush: out.flush,
    warn(text: string) {
      out.flush();
      io.stderr(text);
    },
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
  switches: FindingSwitches;
  offline?: OfflineCrls;
}

/** Streams each judgement to the reporter (revocation first with --online); returns how many findings were silenced. */
async function judgeAll(judgements: AsyncGenerator<Judgement>, tally: Tally, run: JudgeRun): Promise<number> {
  const { flags, options } = run;
  let silenced = 0;
  for await (const { result, parsed, skipped } of judgements) {
    if (skipped) {
      tally.summary.skipped = (tally.summary.skipped ?? 0) + 1;
      continue;
    }
    if (result.error) tally.warn(`connectpay-cert: check: ${displayText(result.error)}\n`);
    else if ((flags.online || run.offline) && parsed && result.certificates.length) {
      const fetch = flags.online
        ? { timeoutMs: run.timeoutMs, allowPrivate: Boolean(flags.allowPrivateUrls) }
        : undefined;
      await addRevocation(result, parsed, options, { fetch, offline: run.offline });
    }
    silenced += regrade(result, run.switches, options.strict);
    tally.report(result);
  }
  return silenced;
}

type Tally = Awaited<ReturnType<typeof createTally>>;

function scannedFiles(files: string[], inputs: string[]): Set<string> {
  const named = new Set(inputs);
  return new Set(files.filter((f) => !named.has(f)));
}

/** The repository's per-finding switches (config file "findings"); returns how many were silenced. */
function regrade(result: BundleResult, switches: FindingSwitches, strict: boolean): number {
  if (result.error || Object.keys(switches).length === 0) return 0;
  const { findings, silenced } = applyFindingSwitches(result.findings, switches);
  result.findings = findings;
  result.ok = isOk(findings, strict);
  return silenced;
}

/** A person reads it under the report; machine formats keep stdout to their document. */
function saySilenced(silenced: number, file: string, format: Format, io: Io): void {
  const line = `${silenced} finding(s) silenced by "findings" in ${displayText(file)}.\n`;
  if (format === "human") io.stdout(`\n${line}`);
  else io.stderr(`connectpay-cert: ${line}`);
}

/**
 * `--online` and `--crl-file`: OCSP or CRLs for the leaf and intermediates, as ConnectPay's application
 * checks OCSP; each certificate's status goes into the result beside its summary.
 */
async function addRevocation(
  result: BundleResult,
  parsed: Parsed,
  options: CheckOptions,
  sources: { fetch?: RevocationFetch; offline?: OfflineCrls },
) {
  const { pathRevocation } = await import("../../run-revocation.js");
  const revocation = await pathRevocation(parsed, options.at, sources.fetch, {
    offline: sources.offline,
    anchors: options.anchors,
  });
  result.findings.push(...revocation.findings);
  for (const status of revocation.statuses) {
    const summary = result.certificates[status.index];
    if (summary) summary.revocation = status;
  }
  result.ok = isOk(result.findings, options.strict);
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

async function buildOptions(flags: CheckFlags & PasswordFlags, io: Io): Promise<CheckOptions> {
  if (flags.scope !== undefined && flags.scope !== "chain" && flags.scope !== "leaf")
    throw new UsageError(`--scope: "${flags.scope}" is not one of chain, leaf.`);
  return {
    at: parseAt(flags.at),
    warnDays: parseExpiryThreshold("--warn-days", flags.warnDays) ?? DEFAULTS.warnDays,
    failDays: parseExpiryThreshold("--fail-days", flags.failDays),
    leafKey: flags.key ? await loadLeafKey(flags.key, flags, io) : undefined,
    scope: (flags.scope as "chain" | "leaf" | undefined) ?? "chain",
    strict: Boolean(flags.strict),
    purpose: parsePurpose(flags.purpose),
    anchors: flags.trust ? await readAnchors(io.cwd, flags.trust) : undefined,
    registered: flags.registered ? await readRegistered(io.cwd, flags.registered) : undefined,
    registeredFile: flags.registered,
    online: Boolean(flags.online),
  };
}

/** `--trust`: the roots a server trusts (PEM, DER or PKCS#7); an unreadable file is an error, never "no anchors". */
async function readAnchors(cwd: string, file: string): Promise<Certificate[]> {
  const bytes = await readOptionFile(cwd, file, "--trust");
  const { decodeAny } = await import("../../../core/input/decode-any.js");
  const certs = await decodeAny(bytes, async () => "").then(
    (d) => d.certs,
    () => [],
  );
  if (certs.length === 0) throw new UsageError(`--trust: ${file} holds no readable certificate.`);
  return certs;
}

/** Colour only for a person at a terminal: never in pipes, CI logs, or when NO_COLOR is set. */
export function colorLevel(flags: { color?: boolean }, io: Io): 0 | 1 {
  if (flags.color === false || io.env.NO_COLOR || io.env.CI) return 0;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return 1;
  return io.stdoutIsTTY && io.env.TERM !== "dumb" ? 1 : 0;
}
