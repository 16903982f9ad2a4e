import { DEFAULTS } from "../core/defaults.js";
import type { CheckFlags } from "./commands/check/run.js";
import type { Io } from "./io.js";
import type { PasswordFlags } from "./password.js";
import { guardedRun } from "./run-guard.js";

// The common `check` command lines, read without commander: building the commander program and
// running its parser was a measurable part of every cold `check`. This reader takes only what it fully
// understands and gives commander's own result for it; anything else (help, `--`, a short or unknown option,
// a value that looks like an option, a missing value, no input) returns undefined, and the full CLI
// (program.ts) runs instead, so its output and exit code are the ones users always got.
// test/cli/lean-check.test.ts holds this table to check's commander definition (command.ts).

type Kind = "value" | "flag" | "negated" | "repeatable";

/** check's long options: the key commander gives each (camelCase, `--no-color` → color) and how it is read. */
export const LEAN_CHECK_OPTIONS: ReadonlyMap<string, { key: string; kind: Kind }> = new Map(
  (
    [
      ["--format", "format", "value"],
      ["--json", "json", "flag"],
      ["--at", "at", "value"],
      ["--warn-days", "warnDays", "value"],
      ["--fail-days", "failDays", "value"],
      ["--key", "key", "value"],
      ["--scope", "scope", "value"],
      ["--trust", "trust", "value"],
      ["--registered", "registered", "value"],
      ["--purpose", "purpose", "value"],
      ["--online", "online", "flag"],
      ["--timeout", "timeout", "value"],
      ["--allow-private-urls", "allowPrivateUrls", "flag"],
      ["--crl-file", "crlFile", "repeatable"],
      ["--password-env", "passwordEnv", "value"],
      ["--password-file", "passwordFile", "value"],
      ["--alias", "alias", "value"],
      ["--strict", "strict", "flag"],
      ["--config", "config", "value"],
      ["--no-color", "color", "negated"],
    ] as const
  ).map(([flag, key, kind]) => [flag, { key, kind }]),
);

export interface CheckLine {
  inputs: string[];
  flags: CheckFlags & PasswordFlags;
}

/**
 * `argv` as commander would hand it to check's action, or undefined when the full CLI must read it. The
 * flags object is commander's too: its defaults first, in definition order, then each option as given
 * (a repeated option keeps its last value; `--crl-file` collects).
 */
export function readCheckLine(argv: readonly string[]): CheckLine | undefined {
  if (argv[0] !== "check") return undefined;
  const flags: Record<string, unknown> = { warnDays: String(DEFAULTS.warnDays), scope: DEFAULTS.scope, color: true };
  const inputs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-" || !arg.startsWith("-")) {
      inputs.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const option = LEAN_CHECK_OPTIONS.get(eq > 0 ? arg.slice(0, eq) : arg);
    if (!option) return undefined;
    if (option.kind === "flag" || option.kind === "negated") {
      // commander refuses `--json=…`; that error text is the full CLI's to print.
      if (eq > 0) return undefined;
      flags[option.key] = option.kind === "flag";
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    // commander would take `--at --json` as the date "--json" (and the program's -V or -h as its own
    // option): rare enough to leave to it.
    if (value === undefined || value.startsWith("-")) return undefined;
    const before = flags[option.key] as string[] | undefined;
    flags[option.key] = option.kind === "repeatable" ? [...(before ?? []), value] : value;
  }
  return inputs.length ? { inputs, flags } : undefined;
}

/**
 * Runs `check` for a command line readCheckLine understands, through the same guard as the full CLI
 * (run-guard.ts); undefined when the full CLI must run it. check's code is loaded only here, so other
 * commands and the fallback do not pay for it.
 */
export function runLeanCheck(argv: readonly string[], rawIo: Io): Promise<number> | undefined {
  const line = readCheckLine(argv);
  if (!line) return undefined;
  return guardedRun(argv, rawIo, async (io) => {
    const { checkCommand } = await import("./commands/check/run.js");
    return checkCommand(line.inputs, line.flags, io);
  });
}
