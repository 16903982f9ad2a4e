import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

// x509-limbo (C2SP), mapped to our input shape in test/conformance/limbo/ (Apache-2.0, see its README).
// The verdict is the one a user gets: `check`'s exit code (0 accepted, 1 rejected) with the case's trust
// anchors, required EKU and validation time, without --strict: profile problems are warnings, and a
// case where limbo expects a failure that we only warn about is a known difference with its reason.
const LIMBO = `${ROOT}test/conformance/limbo/`;
const CATEGORIES = ["core", "eku", "name-constraints", "policy", "profile", "real-world"];
// A hang guard, not a speed test: a case that loops or blows up (name constraints, path building) fails here
// instead of stalling the run. It was a 2,000 ms stopwatch around each in-process call, which the first case
// (loading the CLI's modules) and a loaded machine broke; speed is npm run bench's job.
const HANG_GUARD_MS = 20_000;

interface LimboCase {
  id: string;
  category: string;
  mapping: string;
  expected_result: "SUCCESS" | "FAILURE";
  validation_time: string | null;
  required_eku: string[] | null;
  dir: string;
}

const known: Record<string, string> = JSON.parse(
  readFileSync(`${ROOT}test/conformance/known-differences.json`, "utf8"),
);
const cases: LimboCase[] = JSON.parse(readFileSync(`${LIMBO}index.json`, "utf8")).filter((c: LimboCase) =>
  CATEGORIES.includes(c.category),
);
const tally = new Map<string, { agree: number; total: number }>();

async function verdict(c: LimboCase): Promise<{ actual: "SUCCESS" | "FAILURE"; ids: string[] }> {
  const dir = `${LIMBO}${c.dir}/`;
  const argv = ["check", "--json", `${dir}bundle.pem`, "--trust", `${dir}trusted.pem`, "--warn-days", "0"];
  argv.push("--purpose", c.required_eku?.includes("clientAuth") ? "client" : "server");
  argv.push("--at", c.validation_time ?? "2030-01-01T00:00:00Z");
  const { code, stdout } = await runCli(argv);
  expect([0, 1], stdout).toContain(code);
  const ids = JSON.parse(stdout)
    .results.flatMap((r: { findings: { id: string; severity: string }[] }) => r.findings)
    .filter((f: { severity: string }) => f.severity !== "info")
    .map((f: { id: string }) => f.id);
  return { actual: code === 0 ? "SUCCESS" : "FAILURE", ids };
}

describe("x509-limbo conformance", () => {
  it("has the cases", () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", { timeout: HANG_GUARD_MS }, async (_id, c) => {
    const { actual, ids } = await verdict(c);
    const agree = actual === c.expected_result;
    const t = tally.get(c.category) ?? { agree: 0, total: 0 };
    tally.set(c.category, { agree: t.agree + (agree ? 1 : 0), total: t.total + 1 });
    if (!agree && process.env.LIMBO_DUMP)
      console.log(`DIS ${c.category} ${c.id} expected=${c.expected_result} got=${actual} ${ids.join(",")}`);
    if (agree) expect(known[c.id], `${c.id} agrees now: remove it from known-differences.json`).toBeUndefined();
    else
      expect(
        known[c.id],
        `new disagreement: expected ${c.expected_result}, got ${actual} (${ids.join(", ")})`,
      ).toBeDefined();
  });

  it("every known difference names a case of these categories", () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(known).filter((id) => !ids.has(id))).toEqual([]);
  });

  afterAll(() => {
    const rows = [...tally].map(([cat, t]) => `  ${cat.padEnd(17)} ${t.agree}/${t.total}`);
    const all = [...tally.values()].reduce((a, t) => ({ agree: a.agree + t.agree, total: a.total + t.total }), {
      agree: 0,
      total: 0,
    });
    console.log(
      `x509-limbo agreement per category:\n${rows.join("\n")}\n  ${"all".padEnd(17)} ${all.agree}/${all.total}`,
    );
  });
});
