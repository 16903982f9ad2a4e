import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import type { Command, Option } from "commander";
import { describe, expect, it } from "vitest";
import { LEAN_CHECK_OPTIONS, readCheckLine, runLeanCheck } from "../../src/cli/lean-check.js";
import { createProgram, run } from "../../src/cli/program.js";
import { FIXTURES, quietIo, ROOT, runCli } from "../helpers/cli.js";

// The lean `check` path (src/cli/lean-check.ts) reads common check lines without commander. Whatever it
// takes, it must do exactly what the full CLI does: the same flags object for check's action, and the same
// bytes and exit code end to end. Whatever it is unsure of goes to the full CLI.

const AT = "2030-01-01";
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(pem|crt|cer|der|p7b|p12)$/.test(name) ? [relative(ROOT, path)] : [];
  });
const FILES = files(FIXTURES);
const SRC = join(ROOT, "src");
const CHAIN = "fixtures/good/chain.pem";
const KEY = "fixtures/good/leaf.key";

const dir = mkdtempSync(join(tmpdir(), "cpc-lean-check-"));
const CONFIG = join(dir, "config.json");
writeFileSync(CONFIG, JSON.stringify({ findings: { "root.not-publicly-trusted": "off" } }));
const PASSWORD = join(dir, "password.txt");
writeFileSync(PASSWORD, "fixture-password\n");

/** The check lines of the test suite (grep test/ for "check"), each option and both spellings of a value. */
const LINES: string[][] = [
  ["check", CHAIN],
  ["check", CHAIN, "--at", AT],
  ["check", `--at=${AT}`, CHAIN],
  ["check", CHAIN, "--at", "2030-02-30"],
  ["check", CHAIN, "--at", "yesterday", "--json"],
  ["check", CHAIN, "--json", "--at", AT],
  ["check", CHAIN, "--json", "--json", "--at", AT],
  ["check", "--format", "json", CHAIN, "--at", AT],
  ["check", "--format=json", CHAIN, "--at", AT],
  ...["human", "github", "sarif", "prometheus", "junit", "xml", ""].map((f) => [
    "check",
    CHAIN,
    "--format",
    f,
    "--at",
    AT,
  ]),
  ["check", CHAIN, "--format", "github", "--format", "json", "--at", AT],
  ["check", CHAIN, "--json", "--format", "junit", "--at", AT],
  ["check", CHAIN, "--warn-days", "45", "--fail-days", "14", "--at", "2098-12-01"],
  ["check", CHAIN, "--warn-days=20%", "--fail-days=10%", "--at", "2098-12-01", "--json"],
  ["check", CHAIN, "--warn-days", "x", "--json", "--at", AT],
  ["check", CHAIN, "--fail-days", "100000", "--at", AT],
  ["check", CHAIN, "--scope", "leaf", "--warn-days", "99999", "--at", AT],
  ["check", CHAIN, "--scope", "all", "--at", AT],
  ["check", CHAIN, "--strict", "--at", AT],
  ["check", CHAIN, "--strict", "--format", "github", "--at", AT],
  ["check", CHAIN, "--no-color", "--at", AT],
  ["check", CHAIN, "--key", KEY, "--at", AT],
  ["check", CHAIN, "--key", "fixtures/good/other.key", "--json", "--at", AT],
  ["check", CHAIN, "--key", CHAIN, "--at", AT],
  ["check", CHAIN, "--key", "fixtures/no-such.key", "--json", "--at", AT],
  ["check", CHAIN, "--trust", "fixtures/good/root.pem", "--at", AT],
  ["check", CHAIN, "--trust", "fixtures/names/root.pem", "--json", "--at", AT],
  ["check", CHAIN, "--registered", "fixtures/good/leaf.pem", "--at", AT],
  ["check", CHAIN, "--registered", "fixtures/chain/two-leaves.pem", "--json", "--at", AT],
  ["check", CHAIN, "--purpose", "server", "--at", AT],
  ["check", CHAIN, "--purpose", "any", "--json", "--at", AT],
  ["check", CHAIN, "--purpose", "nobody", "--at", AT],
  ["check", CHAIN, "--config", CONFIG, "--at", AT],
  ["check", CHAIN, "--config", CONFIG, "--json", "--at", AT],
  ["check", CHAIN, "--config", "fixtures/no-such.json", "--at", AT],
  ["check", CHAIN, "--online", "--timeout", "500", "--allow-private-urls", "--at", AT],
  ["check", CHAIN, "--online", "--timeout", "0", "--at", AT],
  ["check", CHAIN, "--timeout", "x", "--json", "--at", AT],
  ["check", CHAIN, "--crl-file", "fixtures/no-such.crl", "--at", AT],
  ["check", CHAIN, "--crl-file", CHAIN, "--crl-file", "fixtures/good/root.pem", "--json", "--at", AT],
  ["check", "fixtures/format/leaf-and-key.p12", "--password-file", PASSWORD, "--at", AT],
  ["check", "fixtures/format/leaf-and-key.p12", "--password-env", "CPC_NO_SUCH_VARIABLE", "--json", "--at", AT],
  ["check", CHAIN, "--alias", "client", "--at", AT],
  ["check", "-", "--at", AT],
  ["check", "-", "--json", "--at", AT],
  ["check", "fixtures/good", "--json", "--at", AT],
  ["check", "fixtures/*/chain.pem", "--at", AT],
  ["check", "fixtures/no-such-dir/*.pem"],
  ["check", "fixtures/no-such-dir/*.pem", "--format", "prometheus"],
  ["check", "fixtures/nope.pem", "--json"],
  ["check", "check"],
  ["check", ""],
];

/** Every fixture at once, in each format. */
const ALL_FIXTURES: string[][] = ["human", "json", "sarif", "github", "junit", "prometheus"].map((f) => [
  "check",
  ...FILES,
  "--format",
  f,
  "--at",
  AT,
]);

/** Lines the lean path must leave to commander: help, its errors and what only commander settles. */
const FALLBACK: string[][] = [
  ["check"],
  ["check", "--help"],
  ["check", CHAIN, "-h"],
  ["check", CHAIN, "--version"],
  ["check", CHAIN, "-V"],
  ["check", CHAIN, "--bogus"],
  ["check", CHAIN, "--jsno"],
  ["check", CHAIN, "--color"],
  ["check", CHAIN, "--json=yes"],
  ["check", CHAIN, "--no-color=1"],
  ["check", CHAIN, "--at"],
  ["check", CHAIN, "--at", "--json"],
  ["check", CHAIN, "--at=-1"],
  ["check", CHAIN, "--warn-days", "-3"],
  ["check", CHAIN, "--", "--json"],
  ["check", "--json"],
  ["check", "-x", CHAIN],
  ["check", "-1"],
  ["chek", CHAIN],
  ["--json", "check", CHAIN],
  [],
];

/** The flags object commander hands check's action for `argv` (the action replaced to capture it). */
async function commanderLine(argv: string[]): Promise<{ inputs: string[]; flags: Record<string, unknown> }> {
  const io = quietIo();
  const program = createProgram(io, () => {}, argv);
  let line: { inputs: string[]; flags: Record<string, unknown> } | undefined;
  checkCommandOf(program).action((inputs: string[], flags: Record<string, unknown>) => {
    line = { inputs, flags };
  });
  await program.parseAsync(argv, { from: "user" });
  if (!line) throw new Error(`commander did not run check for ${argv.join(" ")}`);
  return line;
}

function checkCommandOf(program: Command): Command {
  const check = program.commands.find((c) => c.name() === "check");
  if (!check) throw new Error("no check command");
  return check;
}

// JUnit names the run's time, its duration and each case's: the one volatile part of the output.
const steady = (text: string) =>
  text.replace(/ (time|timestamp)="[^"]*"/g, ' $1="…"').replace(/(last_run_timestamp_seconds) \d+/, "$1 …");

async function bothPaths(argv: string[]) {
  const opts = { stdin: "", env: { NO_COLOR: "1" } };
  const lean = await runCli(argv, {
    ...opts,
    entry: (a, io) => runLeanCheck(a, io) ?? Promise.reject(new Error(`the lean path refused ${a.join(" ")}`)),
  });
  const full = await runCli(argv, { ...opts, entry: run });
  const clean = (r: typeof lean) => ({ code: r.code, stdout: steady(r.stdout), stderr: steady(r.stderr) });
  return { lean: clean(lean), full: clean(full) };
}

describe("the lean check path", () => {
  it("knows check's options as commander defines them", () => {
    const check = checkCommandOf(createProgram(quietIo(), () => {}, ["check"]));
    const kind = (o: Option) =>
      o.negate ? "negated" : o.isBoolean() ? "flag" : o.parseArg ? "repeatable" : o.required ? "value" : "other";
    const commander = check.options.map((o) => [o.long, { key: o.attributeName(), kind: kind(o) }]);
    expect(commander).toEqual([...LEAN_CHECK_OPTIONS]);
  });

  it.each([...LINES, ...ALL_FIXTURES].map((argv) => [argv.join(" ").slice(0, 100), argv]))(
    "gives check the flags commander gives: %s",
    async (_name, argv) => {
      const lean = readCheckLine(argv);
      expect(lean).toBeDefined();
      const full = await commanderLine(argv);
      // Key order too: the object is the same, not just equal.
      expect(Object.entries(lean?.flags ?? {})).toEqual(Object.entries(full.flags));
      expect(lean?.inputs).toEqual(full.inputs);
    },
  );

  it.each([...LINES, ...ALL_FIXTURES].map((argv) => [argv.join(" ").slice(0, 100), argv]))(
    "prints the same bytes and exit code as the full CLI: %s",
    async (_name, argv) => {
      const { lean, full } = await bothPaths(argv);
      expect(lean).toEqual(full);
    },
    // A hang guard: every fixture, twice, takes seconds on a loaded 2-core machine.
    120_000,
  );

  it.each(FALLBACK.map((argv) => [argv.join(" ") || "(no arguments)", argv]))(
    "leaves %s to the full CLI",
    async (_name, argv) => {
      expect(readCheckLine(argv)).toBeUndefined();
      expect(runLeanCheck(argv, quietIo())).toBeUndefined();
    },
  );

  it("falls back with commander's help and its error texts", async () => {
    const help = await runCli(["check", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: connectpay-cert check \[options\] <inputs\.\.\.>/);
    const typo = await runCli(["check", CHAIN, "--jsno"]);
    expect(typo).toEqual({ code: 2, stdout: "", stderr: "error: unknown option '--jsno'\n(Did you mean --json?)\n" });
    const missing = await runCli(["check", CHAIN, "--at"]);
    expect(missing).toEqual({ code: 2, stdout: "", stderr: "error: option '--at <date>' argument missing\n" });
    const dashValue = await runCli(["check", CHAIN, "--warn-days", "-3", "--json"]);
    expect(dashValue.code).toBe(2);
    expect(JSON.parse(dashValue.stdout).error.message).toMatch(/^--warn-days: "-3" is not a whole number/);
  });
});

/** The modules a source file can load, statically or on demand: relative paths under src/, and package names. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map(({ 1: spec }) =>
    spec.startsWith(".") ? relative(SRC, resolve(dirname(join(SRC, file)), spec)).replace(/\.js$/, ".ts") : spec,
  );
}

describe("what the lean check path can load", () => {
  it("never reaches commander, the full program or another command's code", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (file.endsWith(".ts")) for (const next of importsOf(file)) visit(next);
    };
    visit("cli/lean-check.ts");
    expect(seen).toContain("cli/commands/check/run.ts");
    const foreign = [...seen].filter(
      (f) => f === "commander" || f === "cli/program.ts" || /^cli\/commands\/(?!check\/)/.test(f),
    );
    expect(foreign).toEqual([]);
  });
});
