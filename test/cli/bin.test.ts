import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/cli.js";
import { assertValidJsonOutput } from "../helpers/json-schemas.js";

// The built bin/, spawned exactly as a user runs it (npm test builds dist/ first).
// A --json answer is checked against its JSON Schema, as runCli does for in-process runs.
async function cli(args: string[], input?: string) {
  const res = await execa("node", [BIN, ...args], { cwd: ROOT, reject: false, input, env: { NO_COLOR: "1" } });
  assertValidJsonOutput(args, res.stdout);
  return res;
}

describe("bin/connectpay-cert.js", () => {
  it("accepts the good chain: exit 0, human report on stdout, nothing on stderr", async () => {
    const res = await cli(["check", "fixtures/good/chain.pem", "--at", "2030-01-01"]);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/#1 leaf {2}payments\.acme\.example/);
    expect(res.stdout).toMatch(/ConnectPay's rules: accepted$/);
    expect(res.stderr).toBe("");
  });

  it("rejects a reversed chain with exit 1 and pure JSON on stdout", async () => {
    const res = await cli(["check", "fixtures/chain/reversed.pem", "--json", "--at", "2030-01-01"]);
    expect(res.exitCode).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.results[0].findings.map((f: { id: string }) => f.id)).toEqual([
      "chain.reversed",
      "root.not-publicly-trusted",
      "revocation.no-responder",
    ]);
  });

  it("reads standard input", async () => {
    const { readFileSync } = await import("node:fs");
    const res = await cli(
      ["check", "-", "--at", "2030-01-01"],
      readFileSync(`${ROOT}fixtures/chain/no-root.pem`, "utf8"),
    );
    expect(res.exitCode).toBe(1);
    expect(res.stdout).toMatch(/chain\.incomplete/);
  });

  it("exits 2 without a stack trace for a missing file", async () => {
    const res = await cli(["check", "does-not-exist.pem"]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toBe("connectpay-cert: check: cannot read does-not-exist.pem: no such file.");
  });

  it("prints the version alone", async () => {
    const { version } = JSON.parse((await import("node:fs")).readFileSync(`${ROOT}package.json`, "utf8"));
    const res = await cli(["--version"]);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe(version);
  });
});
