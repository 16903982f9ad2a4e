import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/program.js";
import { FINDING_IDS } from "../../src/core/findings/registry.js";
import { quietIo, runCli } from "../helpers/cli.js";

// An npm user has neither the repository nor its issue tracker: what the tool prints about a finding
// (explain, SARIF's rule help) and --help must state the fact itself, not point at a file or an issue.
const REFERENCES = [/(^|[\s(`'"])(docs|src|test|scripts)\//, /\b[\w-]+\.md\b/, /\bissues? #?\d/i];

function references(text: string): string[] {
  return text.split("\n").filter((line) => REFERENCES.some((r) => r.test(line)));
}

const program = createProgram(quietIo(), () => {});
const commands = program.commands.map((c) => c.name()).filter((n) => n !== "help");

describe("user-facing texts cite no repository path and no issue number", () => {
  it("the check finds what it looks for", () => {
    expect(references("see docs/connectpay.md §1")).toHaveLength(1);
    expect(references("(issue 4)")).toHaveLength(1);
    expect(references("kubernetes.io/docs/concepts/configuration/secret/")).toEqual([]);
  });

  it("explain, for every id and the list", async () => {
    for (const argv of [["explain"], ...FINDING_IDS.map((id) => ["explain", id])]) {
      const res = await runCli(argv);
      expect(res.code).toBe(0);
      expect(references(res.stdout), argv.join(" ")).toEqual([]);
    }
  });

  it("SARIF's rules (each id's help)", async () => {
    const res = await runCli(["check", "--format", "sarif", "fixtures/good/chain.pem", "--at", "2030-01-01"]);
    const { rules } = JSON.parse(res.stdout).runs[0].tool.driver;
    expect(rules).toHaveLength(FINDING_IDS.length);
    // helpUri is a link to the finding's section of the published docs (what code scanning shows as "more
    // info"), not a path cited in a text: the texts around it are what must stand on their own.
    const texts = rules.map(({ helpUri: _link, ...rule }: { helpUri: string }) => rule);
    expect(rules.every((r: { helpUri: string }) => r.helpUri.startsWith("https://"))).toBe(true);
    expect(references(JSON.stringify(texts, null, 1))).toEqual([]);
  });

  it("--help of the program and of every command", async () => {
    for (const argv of [["--help"], ...commands.map((c) => [c, "--help"])]) {
      const res = await runCli(argv);
      expect(res.code).toBe(0);
      expect(references(res.stdout), argv.join(" ")).toEqual([]);
    }
  });
});
