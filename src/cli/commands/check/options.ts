import type { CheckOptions } from "../../../core/check-bundle.js";
import { DEFAULTS } from "../../../core/defaults.js";
import type { VerdictPolicy } from "../../../core/verdict/verdict.js";
import type { Certificate } from "../../../core/x509/certificate.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { parseAt, parseExpiryThreshold, parsePurpose } from "../../option-values.js";
import { readOptionFile } from "../../options.js";
import type { PasswordFlags } from "../../password.js";
import { readRegistered } from "../../registered.js";
import { readFindingSwitches } from "./check-config.js";

/** The flags `check` and `fix` share: how a chain is judged. */
export interface JudgeFlags {
  at?: string;
  warnDays?: string;
  failDays?: string;
  scope?: string;
  strict?: boolean;
  purpose?: string;
}

/**
 * The judging options of `check` and `fix`, parsed the same way for both, so one chain gets one verdict.
 * `failDays` is the default for --fail-days (fix --zip sets one: the package to email must not be a trap).
 */
export function judgeOptions(
  flags: JudgeFlags,
  defaults: { failDays?: number } = {},
): CheckOptions & Required<Pick<CheckOptions, "purpose">> {
  if (flags.scope !== undefined && flags.scope !== "chain" && flags.scope !== "leaf")
    throw new UsageError(`--scope: "${flags.scope}" is not one of chain, leaf.`);
  return {
    at: parseAt(flags.at),
    warnDays: parseExpiryThreshold("--warn-days", flags.warnDays) ?? DEFAULTS.warnDays,
    failDays: parseExpiryThreshold("--fail-days", flags.failDays) ?? defaults.failDays,
    scope: (flags.scope as "chain" | "leaf" | undefined) ?? DEFAULTS.scope,
    strict: Boolean(flags.strict),
    purpose: parsePurpose(flags.purpose),
  };
}

/** check's own inputs to the judgement: the key, the server's roots, the registered certificate. */
export interface CheckOnlyFlags extends JudgeFlags {
  key?: string;
  trust?: string;
  registered?: string;
  online?: boolean;
}

export async function checkOptions(flags: CheckOnlyFlags & PasswordFlags, io: Io): Promise<CheckOptions> {
  const options = judgeOptions(flags);
  return {
    ...options,
    // The key reader (encrypted keys, passwords) loads only for --key.
    leafKey: flags.key ? await (await import("../../private-key.js")).loadLeafKey(flags.key, flags, io) : undefined,
    anchors: flags.trust ? await readAnchors(io.cwd, flags.trust) : undefined,
    registered: flags.registered ? await readRegistered(io.cwd, flags.registered) : undefined,
    registeredFile: flags.registered,
    online: Boolean(flags.online),
  };
}

/**
 * What weighs `check`'s findings besides themselves: --strict, and the config file's switches (`fix` never
 * reads them: its chain goes to ConnectPay, whose gateway reads no config file).
 */
export async function verdictPolicy(flags: { strict?: boolean; config?: string }, io: Io): Promise<VerdictPolicy> {
  const strict = Boolean(flags.strict);
  const { file, switches } = await readFindingSwitches(flags.config, io);
  return file === undefined ? { strict } : { strict, config: { file, switches } };
}

/** `--trust`: the roots a server trusts (PEM, DER or PKCS#7); an unreadable file is an error, never "no anchors". */
async function readAnchors(cwd: string, file: string): Promise<Certificate[]> {
  const bytes = await readOptionFile(cwd, file, "--trust");
  const { decodeAny } = await import("../../../core/input/decode-any.js");
  // A root read only in part is kept, so the verdict can say why the chain ends at an anchor OpenSSL refuses.
  const certs = await decodeAny(bytes, async () => "").then(
    (d) => d.inspectable,
    () => [],
  );
  if (certs.length === 0) throw new UsageError(`--trust: ${file} holds no readable certificate.`);
  return certs;
}
