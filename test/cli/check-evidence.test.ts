import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// A comparison the user asked for prints its result either way: silence is no evidence that it matched.
const base = ["check", "fixtures/good/chain.pem", "--at", "2030-01-01"];

describe("check --key and --registered say when they match", () => {
  it("prints one positive line each, and lists them in --json's matched", async () => {
    const args = [...base, "--key", "fixtures/good/leaf.key", "--registered", "fixtures/good/leaf.pem"];
    const res = await runCli(args);
    expect(res.stdout).toMatch(/^ {2}✔ key: the private key given with --key belongs to the leaf/m);
    expect(res.stdout).toMatch(
      /^ {2}✔ registered: the leaf is the certificate registered with ConnectPay in fixtures\/good\/leaf\.pem \(serial 7A1003C0FFEE, CN "payments\.acme\.example"\)$/m,
    );
    const doc = JSON.parse((await runCli([...args, "--json"])).stdout);
    expect(doc.results[0].matched).toHaveLength(2);
  });

  it("prints nothing positive for a key or registration that does not match", async () => {
    const args = [...base, "--key", "fixtures/good/other.key", "--registered", "fixtures/good/intermediate.pem"];
    const res = await runCli(args);
    expect(res.code).toBe(1);
    expect(res.stdout).not.toContain("✔");
    expect(res.stdout).toMatch(/\[key\.mismatch\]/);
    expect(JSON.parse((await runCli([...args, "--json"])).stdout).results[0].matched).toBeUndefined();
  });
});
