import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/cli.js";
import { bigExponentChain, constrainedDeepPath, pkcs12WithMacIterations, sameNameCostlyCas } from "./costly-inputs.js";
import { runBin } from "./measure.js";

// Issue 25, round 3 of the red team: inputs of a few hundred KiB that cost minutes, or never finished.
// Each runs on the built bin with a hang guard; before the bounds, each one ran past it.
const dir = mkdtempSync(join(tmpdir(), "cpc-hostile-work-"));
const AT = ["--at", "2030-01-01"];
const GUARD = { cwd: dir, timeoutMs: 20_000 };

function findings(stdout: string): { id: string; message: string }[] {
  return JSON.parse(stdout).results.flatMap((r: { findings: unknown[] }) => r.findings);
}

describe("PKCS#12 key derivation is capped before any derivation", () => {
  // forge reads only RSA certificates; the fixture's first block is an RSA leaf.
  const rsaLeaf = readFileSync(`${FIXTURES}key/rsa-1024.pem`, "utf8");
  const costly = pkcs12WithMacIterations(rsaLeaf, 2n ** 40n);

  it("check DIR: a 2^40-iteration file named client.cer gets format.kdf-iterations", async () => {
    const scan = join(dir, "scan");
    mkdirSync(scan);
    writeFileSync(join(scan, "client.cer"), costly);
    const res = await runBin(["check", scan, "--json", ...AT], GUARD);
    expect(res.timedOut).toBe(false);
    expect(res.code, res.stderr).toBe(1);
    const [f] = findings(res.stdout);
    expect(f.id).toBe("format.kdf-iterations");
    expect(f.message).toMatch(/1099511627776 key-derivation iterations \(for its MAC\); more than 100000 are refused/);
  });

  it.each([
    ["fix", 2],
    ["inspect", 1],
  ])("%s file.p12 says why it will not open it", async (command, code) => {
    const file = join(dir, `costly-${command}.p12`);
    writeFileSync(file, costly);
    const res = await runBin([command, file, "--password-env", "P12_PASSWORD", ...AT], {
      ...GUARD,
      env: { P12_PASSWORD: "" },
    });
    expect(res.timedOut).toBe(false);
    expect(res.code).toBe(code);
    expect(res.stderr).toMatch(/asks for 1099511627776 key-derivation iterations/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it("a usual count (2,048, as OpenSSL 3 writes) still opens", async () => {
    const file = join(dir, "usual.p12");
    writeFileSync(file, pkcs12WithMacIterations(rsaLeaf, 2048n));
    const res = await runBin(["inspect", file, "--password-env", "P", ...AT], { ...GUARD, env: { P: "" } });
    expect(res.stderr).not.toMatch(/iterations/);
    // The MAC was rewritten, so it no longer verifies: forge ran the 2,048 iterations and then said so.
    expect(res.stderr).toMatch(/password is wrong/);
  });
});

describe("Kubernetes Secret YAML is bounded in depth and size before it is built", () => {
  it.each([
    [
      "4,190,000 nested flow sequences",
      `apiVersion: v1\nkind: Secret\ndata: ${"[".repeat(4_190_000)}\n`,
      /nested more than 64 levels/,
    ],
    [
      "a million nested block sequences on one line",
      `apiVersion: v1\nkind: Secret\ndata:\n  ${"- ".repeat(1_000_000)}x\n`,
      /nested more than 64 levels/,
    ],
    [
      "a map of 60,000 keys (the duplicate-key check compared each with each)",
      `apiVersion: v1\nkind: Secret\ndata:\n${Array.from({ length: 60_000 }, (_, i) => `  k${i}: a\n`).join("")}`,
      /more than 50000 YAML tokens/,
    ],
  ])("%s: format.limit-exceeded, quickly", async (_what, text, message) => {
    const file = join(dir, `secret-${_what.length}.yaml`);
    writeFileSync(file, text);
    const res = await runBin(["check", file, "--json", ...AT], GUARD);
    expect(res.timedOut).toBe(false);
    expect(res.code, res.stderr).toBe(1);
    const [f] = findings(res.stdout);
    expect(f.id).toBe("format.limit-exceeded");
    expect(f.message).toMatch(message);
  });

  it("JSON nesting is bounded the same way", async () => {
    const file = join(dir, "secret.json");
    writeFileSync(file, `{"apiVersion":"v1","kind":"Secret","data":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const res = await runBin(["check", file, "--json", ...AT], GUARD);
    expect(res.code).toBe(1);
    expect(findings(res.stdout)[0].message).toMatch(/nested more than 64 levels/);
  });
});

describe("signature work is bounded per input", () => {
  it("an RSA exponent beyond 33 bits is key.rsa-exponent, and its signatures are not checked", async () => {
    const file = join(dir, "big-exponent.pem");
    writeFileSync(file, await bigExponentChain(1024));
    const res = await runBin(["check", file, "--json", ...AT], GUARD);
    expect(res.code).toBe(1);
    const f = findings(res.stdout).find((x) => x.id.startsWith("key."));
    expect(f?.id).toBe("key.rsa-exponent");
    expect(f?.message).toMatch(/Certificate 2 \(CN=Big Exponent CA\) has an RSA public exponent of 1024 bits/);
  });

  it("16 same-name CAs with costly keys and 484 children: format.limit-exceeded for the signature work", async () => {
    const file = join(dir, "same-name-cas.pem");
    writeFileSync(file, await sameNameCostlyCas());
    const res = await runBin(["check", file, "--json", ...AT], GUARD);
    expect(res.timedOut).toBe(false);
    expect(res.code).toBe(1);
    const f = findings(res.stdout).find((x) => x.id === "format.limit-exceeded");
    expect(f?.message).toMatch(/more signature checks than the limit \(16384 RSA-2048 verifications' worth\)/);
  }, 60_000);
});

describe("name-constraint work is bounded per input", () => {
  it("a 16-deep path, 1,024 constraints per CA and 1,023 names per certificate: refused, not 11 s of work", async () => {
    const file = join(dir, "constrained.pem");
    writeFileSync(file, await constrainedDeepPath());
    const res = await runBin(["check", file, "--json", ...AT], GUARD);
    expect(res.timedOut).toBe(false);
    expect(res.code).toBe(1);
    const f = findings(res.stdout).find((x) => x.id === "ca.name-constraints");
    expect(f?.message).toMatch(/past the limit of 2097152 name × constraint comparisons per input/);
  }, 60_000);
});
