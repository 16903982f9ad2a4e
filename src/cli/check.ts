import { Chalk } from "chalk";
import { type BundleResult, type CheckOptions, checkBundle, isOk } from "../core/check-bundle.js";
import { LIMITS } from "../core/limits.js";
import { renderHuman } from "../report/human.js";
import { renderJson } from "../report/json.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { keyPermissionFinding, loadLeafKey, parseAt, parseDays, readInputFile } from "./options.js";

export interface CheckFlags {
  json?: boolean;
  at?: string;
  warnDays?: string;
  failDays?: string;
  key?: string;
  scope?: string;
  strict?: boolean;
  color?: boolean;
}

export async function checkCommand(inputs: string[], flags: CheckFlags, io: Io): Promise<number> {
  const options = await buildOptions(flags, io);
  const results: BundleResult[] = [];
  for (const input of inputs) {
    const bytes =
      input === "-" ? await io.readStdin(LIMITS.maxInputBytes) : await readInputFile(io.cwd, input, "check");
    results.push(checkBundle(bytes, input === "-" ? "<stdin>" : input, options));
  }
  const perm = flags.key ? await keyPermissionFinding(io.cwd, flags.key) : undefined;
  if (perm) for (const r of results) r.findings.push(perm);
  for (const r of results) r.ok = isOk(r.findings, options.strict);
  const ok = results.every((r) => r.ok);
  if (flags.json) io.stdout(renderJson(results));
  else io.stdout(renderHuman(results, { chalk: new Chalk({ level: colorLevel(flags, io) }), strict: options.strict }));
  return ok ? 0 : 1;
}

async function buildOptions(flags: CheckFlags, io: Io): Promise<CheckOptions> {
  if (flags.scope !== undefined && flags.scope !== "chain" && flags.scope !== "leaf")
    throw new UsageError(`--scope: "${flags.scope}" is not one of chain, leaf.`);
  const warnDays = parseDays("--warn-days", flags.warnDays) ?? 30;
  return {
    at: parseAt(flags.at),
    warnDays,
    failDays: parseDays("--fail-days", flags.failDays),
    leafKey: flags.key ? await loadLeafKey(io.cwd, flags.key) : undefined,
    scope: (flags.scope as "chain" | "leaf" | undefined) ?? "chain",
    strict: Boolean(flags.strict),
  };
}

/** Colour only for a person at a terminal: never in pipes, CI logs, or when NO_COLOR is set. */
export function colorLevel(flags: { color?: boolean }, io: Io): 0 | 1 {
  if (flags.color === false || io.env.NO_COLOR || io.env.CI) return 0;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return 1;
  return io.stdoutIsTTY && io.env.TERM !== "dumb" ? 1 : 0;
}
