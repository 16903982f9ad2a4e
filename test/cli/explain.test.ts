import { readdirSync, readFileSync } from "node:fs";
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
  it("works from the built bin, whose texts are gzipped in the registry chunk", async () => {
    const res = await execa("node", [BIN, "explain", "key.weak"], { cwd: ROOT, reject: false });
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain(FINDINGS["key.weak"].why);
  });

  it("keeps the texts out of the bundle every command loads: one gzipped payload, in a file of its own", () => {
    const dist = `${ROOT}dist/`;
    const files = [...readdirSync(dist), ...readdirSync(`${dist}vendor`).map((f) => `vendor/${f}`)];
    const read = (f: string) => readFileSync(`${dist}${f}`, "utf8");
    const code = files.filter((f) => f.endsWith(".cjs"));
    expect(code).toContain("cli.cjs");
    // Not a single text in plain form anywhere; one gzipped payload, in finding-texts.cjs only.
    expect(code.filter((f) => read(f).includes(FINDINGS["chain.reversed"].description))).toEqual([]);
    // "H4sI" is how base64 of a gzip stream begins (RFC 1952 magic 1f 8b 08).
    expect(code.filter((f) => read(f).includes('Buffer.from("H4sI'))).toEqual(["finding-texts.cjs"]);
    expect(read("cli.cjs")).toContain('require("./finding-texts.cjs")');
  });
});
