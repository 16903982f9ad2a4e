import { createPublicKey, type KeyObject } from "node:crypto";
import { DEFAULTS } from "../../../core/defaults.js";
import { displayText } from "../../../core/display-text.js";
import { hintsAfterFix } from "../../../core/fix/fix-hints.js";
import { judgeRepair } from "../../../core/fix/judge-repair.js";
import { type IssuerSources, repairChain } from "../../../core/fix/repair.js";
import {
  buildZip,
  chainFileName,
  emailBody,
  missingSenderFields,
  type SenderFields,
  summaryText,
} from "../../../core/fix/send-package.js";
import { type DecodedInput, decodeAny } from "../../../core/input/decode-any.js";
import { DecodeError, PasswordError } from "../../../core/input/decode-errors.js";
import { AliasError } from "../../../core/input/java-keystore.js";
import type { SecretPlace } from "../../../core/input/kubernetes-secret.js";
import { toPem } from "../../../core/input/pem.js";
import { Pkcs7LimitError, Pkcs7ReadError } from "../../../core/input/pkcs7.js";
import { Pkcs12CostError } from "../../../core/input/pkcs12-cost.js";
import { describePlaces } from "../../../core/input/secret-bundles.js";
import { fileInHint } from "../../../core/input/shell-arg.js";
import { LIMITS } from "../../../core/limits.js";
import { ENV_NAMES, isEnvName } from "../../../core/probe/config.js";
import { registrationDifferences } from "../../../core/registration.js";
import { mozillaRoots } from "../../../core/trust-store/root-store.js";
import type { Certificate } from "../../../core/x509/certificate.js";
import { type FixOutcome, renderFixHuman, renderFixJson } from "../../../report/fix-report.js";
import { renderErrorJson } from "../../../report/json.js";
import { readCrlFiles } from "../../crl-files.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { readInputFile, readOptionFile } from "../../options.js";
import { colorLevel, painter } from "../../paint.js";
import { type PasswordFlags, readPassword } from "../../password.js";
import { readPrivateKey } from "../../private-key.js";
import { readRegistered } from "../../registered.js";
import { assertNotInput, assertWritableTarget, MODES, samePath, writeFileAtomic } from "../../write-file.js";
import { judgeOptions } from "../check/options.js";
import { newPkcs12Password, type OutputFormat, outputFormatOf, serializeChain } from "./output-format.js";

export interface FixFlags extends PasswordFlags, SenderFields {
  output?: string;
  zip?: string;
  caFile?: string;
  systemRoots?: boolean;
  fetchMissing?: boolean;
  allowPrivateUrls?: boolean;
  json?: boolean;
  at?: string;
  color?: boolean;
  registered?: string;
  alias?: string;
  purpose?: string;
  leaf?: string;
  warnDays?: string;
  failDays?: string;
  strict?: boolean;
  /** `--crl-file`, repeatable */
  crlFile?: string[];
  /** the leaf's private key: judged like check --key, and written into a .p12 output */
  key?: string;
}

export async function fixCommand(input: string, flags: FixFlags, io: Io): Promise<number> {
  const { output, zip } = await outputPaths(input, flags, io);
  const { format, options } = checkedFlags(flags);
  const key = flags.key ? (await readPrivateKey(flags.key, "--key", flags, io)).key : undefined;
  const registered = flags.registered ? await readRegistered(io.cwd, flags.registered) : undefined;
  const offline = await readCrlFiles(io.cwd, flags.crlFile);
  const bytes = input === "-" ? await io.readStdin(LIMITS.maxInputBytes) : await readInputFile(io.cwd, input, "fix");
  const file = input === "-" ? "<stdin>" : input;
  const decoded = await decode(bytes, file, flags, io);
  if ("unread" in decoded) {
    const message = `${file}: no certificate could be read: ${decoded.unread}.`;
    io.stderr(`${displayText(message)}\n`);
    // With --json, stdout still gets one document saying why.
    if (flags.json) io.stdout(renderErrorJson(1, message));
    return 1;
  }
  const name = decoded.secrets ? `${file} (${describePlaces(oneSecretBundle(decoded.secrets, file))})` : file;
  const leafOptions = { purpose: options.purpose, leaf: flags.leaf, at: options.at };
  const repair = await repairChain(decoded, await sources(flags, io), leafOptions);
  if (repair.badLeaf) throw new UsageError(`${repair.gaps[0]}`);
  const pem = repair.chain.map((c) => toPem(c.der)).join("");
  // Hints name the input, which exists, never the output, which is not written when the verdict fails.
  // Judged under the file's own name (a Secret's decorated display name is no path to put in a hint).
  const leafKey = key ? createPublicKey(key) : undefined;
  const verdict = { ...(await judgeRepair(pem, file, { ...options, leafKey }, offline)), input: name };
  verdict.findings = hintsAfterFix(verdict.findings, {
    ...flags,
    fetchMissing: Boolean(flags.fetchMissing),
    file,
    noSystemRoots: flags.systemRoots === false,
  });
  const outcome: FixOutcome = { input: name, format: decoded.format, repair, verdict, pem, written: [] };
  if (verdict.ok && repair.chain.length > 0)
    await writeOutputs(outcome, { output, zip, registered, format, key }, flags, io);
  const chalk = await painter(colorLevel(flags, { ...io, stdoutIsTTY: io.stderrIsTTY }));
  if (flags.json) io.stdout(renderFixJson(outcome));
  io.stderr(renderFixHuman(outcome, chalk));
  return verdict.ok ? 0 : 1;
}

/** The output format and the judging options, once the flags that contradict each other are refused (exit 2). */
function checkedFlags(flags: FixFlags) {
  if (flags.env !== undefined && !isEnvName(flags.env))
    throw new UsageError(`--env: "${flags.env}" is not one of ${ENV_NAMES.join(", ")}.`);
  const format = flags.output ? outputFormatOf(flags.output) : "pem";
  if (format === "p12" && !flags.key)
    throw new UsageError("-o: a .p12 holds the private key with the chain: give it with --key.");
  // Judged as check judges, through the same option parsing; the config file's switches never apply here.
  const options = judgeOptions(flags, { failDays: flags.zip ? DEFAULTS.zipFailDays : undefined });
  // The package says "mTLS client certificate chain" to ConnectPay: its leaf must be one.
  if (flags.zip && options.purpose !== undefined && options.purpose !== "client")
    throw new UsageError(
      `--zip: the package is for ConnectPay, whose gateway needs a client certificate; --purpose ${options.purpose} does not apply to it.`,
    );
  return { format, options };
}

/** One chain per run: a List with several certificate bundles is refused, naming them (exit 2). */
function oneSecretBundle(places: SecretPlace[], file: string): SecretPlace[] {
  if (places.length === 1) return places;
  throw new UsageError(
    `${file} holds ${places.length} certificate bundles (${describePlaces(places)}); fix one Secret at a time: \`kubectl get secret -n NAMESPACE NAME -o yaml | connectpay-cert fix -\`.`,
  );
}

/** Both outputs are checked before anything is read: not an input, not each other, not a link or device. */
async function outputPaths(input: string, flags: FixFlags, io: Io): Promise<{ output?: string; zip?: string }> {
  const named = [flags.caFile, flags.passwordFile, flags.registered, flags.key, ...(flags.crlFile ?? [])];
  const inputs = [input, ...named.filter((f): f is string => f !== undefined)];
  const output = flags.output ? assertNotInput(io.cwd, flags.output, inputs, "-o") : undefined;
  const zip = flags.zip ? assertNotInput(io.cwd, flags.zip, inputs, "--zip") : undefined;
  if (output && zip && samePath(output, zip))
    throw new UsageError(`--zip: ${flags.zip} is also the -o file; give the chain and the zip different names.`);
  if (output) await assertWritableTarget(output, "-o", flags.output);
  if (zip) await assertWritableTarget(zip, "--zip", flags.zip);
  return { output, zip };
}

const NOT_A_FORMAT = "it is empty or not a certificate format (PEM, DER, PKCS#7, PKCS#12)";

/** Certificate blocks that are there but broken: where they are, and who says why (check's format.malformed). */
function unreadableBlocks(places: string[]): string {
  const many = places.length > 1;
  return `the certificate${many ? "s" : ""} at ${places.join(", ")} ${many ? "are" : "is"} malformed (\`connectpay-cert check\` says why)`;
}

/** The certificates to repair from, or why none could be read. */
async function decode(
  bytes: Buffer,
  file: string,
  flags: FixFlags,
  io: Io,
): Promise<DecodedInput | { unread: string }> {
  try {
    const decoded = await decodeAny(bytes, (what) => readPassword(flags, io, what), { alias: flags.alias });
    if (decoded.certs.length) return decoded;
    if (decoded.unreadable.length) return { unread: unreadableBlocks(decoded.unreadable) };
    return { unread: decoded.privateKeys ? "it holds a private key and no certificate" : NOT_A_FORMAT };
  } catch (err) {
    if (err instanceof PasswordError || err instanceof AliasError) throw new UsageError(`${err.message}.`);
    // Not "no certificate could be read": the file was refused on purpose, and the user should hear why.
    if (err instanceof Pkcs12CostError) throw new UsageError(`${err.message}.`);
    if (err instanceof Pkcs7LimitError) throw new UsageError(`${file}: ${err.message}. ${fileInHint(err.hint, file)}`);
    // A .p7b that breaks DER is a PKCS#7 file: where it breaks (what inspect says) is the reason, not the format.
    if (err instanceof Pkcs7ReadError) return { unread: err.message };
    // Its own words: empty, over the size limit, a Git LFS pointer, an unreadable PKCS#12 are each a reason.
    if (err instanceof DecodeError) return { unread: err.message };
    throw err;
  }
}

async function sources(flags: FixFlags, io: Io): Promise<IssuerSources> {
  const out: IssuerSources = {};
  if (flags.caFile) out.caFile = { name: flags.caFile, certs: await readCaFile(flags.caFile, io) };
  if (flags.systemRoots !== false) out.systemRoots = mozillaRoots;
  if (flags.fetchMissing) {
    const { AIA_FETCH_LIMITS, httpFetch } = await import("../../../net/http-fetch.js");
    out.fetchIssuer = async (url) => {
      io.stderr(`fetching ${displayText(url)}\n`);
      const fetched = await httpFetch(url, { limits: AIA_FETCH_LIMITS, allowPrivate: flags.allowPrivateUrls });
      // repairChain reports a failed fetch as a gap in the chain, with this message.
      if (!fetched.ok) throw new Error(fetched.message);
      return (await decodeAny(fetched.body, async () => "")).certs;
    };
  }
  return out;
}

async function readCaFile(file: string, io: Io): Promise<Certificate[]> {
  const bytes = await readOptionFile(io.cwd, file, "--ca-file");
  try {
    const certs = (await decodeAny(bytes, async () => "")).certs;
    if (certs.length) return certs;
  } catch {
    // fall through to the message below
  }
  throw new UsageError(`--ca-file: ${file} holds no readable certificate.`);
}

/** `--registered`: the certificate this chain replaces, when it is a renewal (a new serial or CN). */
function replaced(o: FixOutcome, registered: Certificate | undefined): Certificate | undefined {
  const leaf = o.repair.chain[0];
  return registered && leaf && registrationDifferences(leaf, registered).length ? registered : undefined;
}

interface Outputs {
  output?: string;
  zip?: string;
  registered?: Certificate;
  format: OutputFormat;
  key?: KeyObject;
}

async function writeOutputs(o: FixOutcome, paths: Outputs, flags: FixFlags, io: Io) {
  if (paths.output) {
    const p12 =
      paths.format === "p12" && paths.key
        ? { key: paths.key, password: await newPkcs12Password(flags, io) }
        : undefined;
    const { bytes, secret } = serializeChain(paths.format, o.repair.chain, o.pem, p12);
    await writeFileAtomic(paths.output, bytes, secret ? MODES.secret : MODES.public);
    o.written.push(flags.output ?? paths.output);
    if (paths.format === "p7b" || paths.format === "p12")
      o.notPem = { file: flags.output ?? paths.output, format: paths.format === "p7b" ? "PKCS#7" : "PKCS#12" };
  }
  const leaf = o.verdict.certificates[o.verdict.path[0]];
  if (paths.zip) {
    const chainName = chainFileName(leaf);
    const zip = buildZip(chainName, o.pem, summaryText(o.verdict.certificates, o.verdict.path));
    await writeFileAtomic(paths.zip, zip);
    o.written.push(flags.zip ?? paths.zip);
    const zipName = (flags.zip ?? paths.zip).split(/[\\/]/).pop() ?? "chain.zip";
    if (!flags.json) {
      io.stdout(emailBody(flags, leaf, zipName, replaced(o, paths.registered)));
      for (const { placeholder, flag } of missingSenderFields(flags))
        io.stderr(`warning: the email body still says <${placeholder}>: fill it in, or give ${flag} next time.\n`);
    }
  }
  if (!paths.output && !paths.zip && !flags.json) io.stdout(o.pem);
}
