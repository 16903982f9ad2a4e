import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDINGS } from "../../src/core/findings/registry.js";
import { BIN, ROOT, runCli } from "../helpers/cli.js";

describe("explain", () => {
  it("prints every text of the registry entry for one id", async () => {
    const res = await runCli(["explain", "chain.reversed"]);
    expect(res.code).toBe(0);
    const d = FINDINGS["chain.reversed"];
    for (const text of [d.title, d.description, d.why, d.fix, d.source, d.example]) expect(res.stdout).toContain(text);
    expect(res.stdout).toMatch(/^chain\.reversed: Chain in reverse order \(error\)\n/);
    expect(res.stderr).toBe("");
  });

  it("with no id lists every id once", async () => {
    const res = await runCli(["explain"]);
    expect(res.code).toBe(0);
    for (const id of FINDING_IDS)
      expect(res.stdout.match(new RegExp(`^  ${id.replace(".", "\\.")} `, "gm"))).toHaveLength(1);
  });

  it("an unknown id exits 2 and suggests the closest ids", async () => {
    const typo = await runCli(["explain", "chain.revresed"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/"chain\.revresed" is not a finding id\. Did you mean chain\.reversed\?/);
    expect(typo.stdout).toBe("");
    const defect = await runCli(["explain", "revoked"]);
    expect(defect.stderr).toMatch(/Did you mean revocation\.revoked\?/);
    const area = await runCli(["explain", "registraton"]);
    expect(area.stderr).toMatch(/Did you mean registration\.changed\?/);
    const nothing = await runCli(["explain", "zzzzzzzz"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).not.toMatch(/Did you mean/);
  });

  it("every human finding line ends with its id, the argument explain takes", async () => {
    const res = await runCli(["check", "fixtures/chain/reversed.pem", "--at", "2030-01-01"]);
    expect(res.stdout).toMatch(/^ {2}error {3}The chain is in reverse order: .* \[chain\.reversed\]$/m);
    expect(res.stdout).toMatch(/^ {2}info {4}The root, .* \[root\.not-publicly-trusted\]$/m);
  });
});

describe("explain in the bundle", () => {
  it("works from the built bin (test/cli/bundle-source.test.ts compares every text with the source's)", async () => {
    const res = await execa("node", [BIN, "explain", "key.weak"], { cwd: ROOT, reject: false });
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain(FINDINGS["key.weak"].why);
  });
});
