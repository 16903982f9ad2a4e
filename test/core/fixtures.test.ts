import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_IDS } from "../../src/core/findings/registry.js";
import { certProfile } from "../../src/core/rules/cert-profile.js";
import { RULES } from "../../src/core/rules/index.js";
import { FIXTURES, ids, runCli } from "../helpers/cli.js";

interface Expectation {
  name: string;
  file: string;
  args: string[];
  expect: string[];
}

const table: Expectation[] = JSON.parse(readFileSync(`${FIXTURES}expected.json`, "utf8"));

describe("every fixture produces exactly its findings", () => {
  it.each(table.map((t) => [t.name, t] as const))("%s", async (_name, t) => {
    const at = t.args.includes("--at") ? [] : ["--at", "2030-01-01"];
    const res = await runCli(["check", `fixtures/${t.file}`, "--json", ...at, ...t.args]);
    expect(res.stderr).toBe("");
    // key.permissions depends on the file mode the checkout gave the key; test/cli/probe-config.test.ts covers it.
    const found = ids(res.stdout, { withInfo: true }).filter((id) => id !== "key.permissions");
    expect([...new Set(found)]).toEqual([...t.expect].sort());
    const hasError = JSON.parse(res.stdout).results[0].findings.some(
      (f: { severity: string }) => f.severity === "error",
    );
    expect(res.code).toBe(hasError ? 1 : 0);
  });
});

describe("rule coverage", () => {
  it("every rule id is produced by at least one fixture", () => {
    const produced = new Set(table.flatMap((t) => t.expect));
    // The profile ids (cert.*) need hand-made defects the fixture generator cannot make: test/core/cert-profile.test.ts
    // produces each from an x509-limbo case. format.limit-exceeded needs inputs too large to commit:
    // test/core/limits.test.ts builds them. An RSA exponent over 32 bits needs a key no generator makes, and a
    // costly PKCS#12 one forge would spend the iterations making: test/hostile/work-bounds.test.ts builds both.
    // A DSA key without parameters needs node:crypto's DSA, which the generator's WebCrypto lacks:
    // test/core/findings/cert.test.ts builds it.
    const elsewhere = new Set<string>([
      ...certProfile.ids,
      "format.limit-exceeded",
      "key.rsa-exponent",
      "format.kdf-iterations",
      "cert.dsa-inherited-parameters",
    ]);
    const bundleIds = [...RULES.flatMap((r) => r.ids), ...FINDING_IDS.filter((id) => id.startsWith("format."))];
    const missing = bundleIds.filter((id) => !produced.has(id) && !elsewhere.has(id));
    expect(missing).toEqual([]);
  });

  it("rule ids are unique, registered and shaped area.defect", () => {
    const all = RULES.flatMap((r) => r.ids);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(/^[a-z]+\.[a-z-]+$/);
    for (const id of all) expect(FINDING_IDS).toContain(id);
  });
});
