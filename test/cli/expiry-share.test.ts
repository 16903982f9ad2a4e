import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// The leaf of fixtures/good/chain.pem lives 2024-06-01 → 2098-12-31 (27,241 days). On 2090-01-01 it has
// 3,287 days left: 12.07% of its lifetime. A share threshold is judged per certificate against that.
const LEAF_ONLY = ["check", "fixtures/good/chain.pem", "--scope", "leaf", "--at", "2090-01-01", "--json"];

async function leafFindings(extra: string[]) {
  const res = await runCli([...LEAF_ONLY, ...extra]);
  const result = JSON.parse(res.stdout).results[0];
  return { code: res.code, findings: result.findings.filter((f: { id: string }) => f.id === "validity.expiring-soon") };
}

describe("--warn-days and --fail-days as a share of the lifetime", () => {
  it("a share just under what is left says nothing; just over it warns", async () => {
    expect((await leafFindings(["--warn-days", "12%"])).findings).toEqual([]);
    const over = await leafFindings(["--warn-days", "12.5%"]);
    expect(over.code).toBe(0);
    expect(over.findings).toHaveLength(1);
    expect(over.findings[0]).toMatchObject({ severity: "warning", certificate: 0 });
  });

  it("--fail-days 13% fails the run and says the threshold was a share", async () => {
    const res = await leafFindings(["--fail-days", "13%"]);
    expect(res.code).toBe(1);
    expect(res.findings[0].severity).toBe("error");
    expect(res.findings[0].message).toContain("(less than --fail-days 13% of its lifetime)");
  });

  it("days and shares mix: a day threshold still counts days", async () => {
    expect((await leafFindings(["--warn-days", "3000"])).findings).toEqual([]);
    expect((await leafFindings(["--warn-days", "3300"])).findings).toHaveLength(1);
  });

  it("fix takes the same thresholds", async () => {
    const res = await runCli(["fix", "fixtures/good/chain.pem", "--at", "2090-01-01", "--fail-days", "13%"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("less than --fail-days 13% of its lifetime");
  });
});
