import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/program.js";
import { quietIo, ROOT, runCli } from "../helpers/cli.js";

const program = createProgram(quietIo(), () => {});
const commands = program.commands.filter((c) => c.name() !== "help");

describe("help that teaches", () => {
  it("--help lists each command with one line on what it is for", async () => {
    const res = await runCli(["--help"]);
    expect(res.code).toBe(0);
    for (const c of commands) {
      expect(c.description().length).toBeGreaterThan(20);
      expect(res.stdout).toContain(c.name());
    }
  });

  it.each(commands.map((c) => [c.name()]))("%s --help has options, examples and exit codes", async (name) => {
    const res = await runCli([name, "--help"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Options:$/m);
    expect(res.stdout).toMatch(/^Examples?:\n {2}\$ .*connectpay-cert /m);
    expect(res.stdout).toMatch(/^Exit codes:\n {2}0 /m);
  });

  it("check --help writes the Prometheus textfile to a temporary file and renames it, also after exit 1", async () => {
    const res = await runCli(["check", "--help"]);
    const example = /\$ connectpay-cert check .*--format prometheus > (\S+)\.tmp; \\\n\s+mv \1\.tmp \1\n/.exec(
      res.stdout,
    );
    expect(example, res.stdout).not.toBeNull();
    expect(res.stdout).toContain("kubectl get secret -n payments connectpay-client -o yaml | connectpay-cert check -");
  });

  it("suggests the option you meant, and exits 2", async () => {
    const res = await runCli(["check", "fixtures/good/chain.pem", "--jsno"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown option '--jsno'\n\(Did you mean --json\?\)/);
  });

  it("suggests the command you meant, and exits 2", async () => {
    const res = await runCli(["inpsect", "x.pem"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Did you mean inspect\?/);
  });
});

describe("docs/commands.md documents every command and option", () => {
  const doc = readFileSync(`${ROOT}docs/commands.md`, "utf8");
  // Every command has its section and a generated table that lists every option in a row of its own;
  // test/docs.test.ts proves the tables match the commander definitions.
  const rows = doc.split("\n").filter((l) => l.startsWith("| `"));
  it.each(commands.map((c) => [c.name(), c.options.map((o) => o.long ?? "")]))("%s", (name, flags) => {
    expect(doc).toContain(`## \`${name}\``);
    expect(doc).toContain(`<!-- options:${name}:start -->`);
    for (const flag of flags)
      expect(
        rows.some((r) => new RegExp(`\`[^\`|]*${flag}\\b`).test(r)),
        `${name} ${flag}`,
      ).toBe(true);
  });
});

describe("the config file is documented where a user looks", () => {
  it("check --help, probe --help and README name every field the config file accepts", async () => {
    // The fields, as the code knows them: the message for an unknown field lists them all.
    const { parseConfigFile, ConfigError } = await import("../../src/core/probe/config.js");
    let known: string[] = [];
    try {
      parseConfigFile("c.json", '{"nope": 1}');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      known = /known: ([^)]+)\)/.exec((err as Error).message)?.[1].split(", ") ?? [];
    }
    expect(known.length).toBeGreaterThan(5);
    const readme = readFileSync(`${ROOT}README.md`, "utf8");
    for (const name of ["check", "probe"]) {
      const help = (await runCli([name, "--help"])).stdout;
      for (const field of known) expect(help, `${name} --help: ${field}`).toMatch(new RegExp(`^ {2}${field} `, "m"));
    }
    for (const field of known) expect(readme, `README: ${field}`).toContain(`\`${field}\``);
  });
});
