import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDINGS } from "../../../src/core/findings/registry.js";
import { ROOT, runCli } from "../../helpers/cli.js";

// docs/findings.md, `explain` and SARIF's rule help show each id's example: it must be what the code prints.
const fromCheck = FINDING_IDS.flatMap((id) => {
  const from = FINDINGS[id].exampleFrom;
  return "check" in from ? [[id, from.check as readonly string[]] as const] : [];
});
const fromTest = FINDING_IDS.flatMap((id) => {
  const from = FINDINGS[id].exampleFrom;
  return "test" in from ? [[id, from.test] as const] : [];
});

describe("every documented example is what the code prints", () => {
  it.each(fromCheck)("%s: check %s", async (id, args) => {
    const at = args.includes("--at") ? [] : ["--at", "2030-01-01"];
    const res = await runCli(["check", "--json", ...at, ...args]);
    const messages = JSON.parse(res.stdout)
      .results.flatMap((r: { findings: { id: string; message: string }[] }) => r.findings)
      .filter((f: { id: string }) => f.id === id)
      .map((f: { message: string }) => f.message);
    expect(messages).toContain(FINDINGS[id].example);
  });

  it.each(fromTest)("%s: built from the facts of test/core/findings/%s.test.ts", (id, group) => {
    const file = `${ROOT}test/core/findings/${group}.test.ts`;
    expect(existsSync(file), file).toBe(true);
    expect(readFileSync(file, "utf8")).toContain(`expectExample("${id}"`);
  });
});
