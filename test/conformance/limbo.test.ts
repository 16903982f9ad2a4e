import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../../src/core/certificate.js";
import { checkBundle } from "../../src/core/check-bundle.js";
import { decodeBlock, scanPem } from "../../src/core/pem.js";
import { ROOT } from "../helpers/cli.js";

// x509-limbo (C2SP), mapped to our input shape in ../shared/conformance/limbo/client-subset.
// Verdict: SUCCESS when check reports no error other than ConnectPay's own issuer policy, and no
// cert.profile warning (limbo's strict profile; check itself only warns about those).
const LIMBO = `${ROOT}../shared/conformance/limbo/client-subset/`;
const CATEGORIES = ["core", "eku", "name-constraints", "profile", "real-world"];
const POLICY_ONLY = new Set(["policy.issuer-not-accepted"]);
const TIME_LIMIT_MS = 2000;

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
const present = existsSync(`${LIMBO}index.json`);
const cases: LimboCase[] = present
  ? JSON.parse(readFileSync(`${LIMBO}index.json`, "utf8")).filter((c: LimboCase) => CATEGORIES.includes(c.category))
  : [];
const tally = new Map<string, { agree: number; total: number }>();

function anchors(pem: string) {
  return scanPem(pem).blocks.flatMap((b) => {
    const d = decodeBlock(b);
    return "der" in d ? [parseCertificate(d.der)] : [];
  });
}

function verdict(c: LimboCase): { actual: "SUCCESS" | "FAILURE"; ids: string[]; ms: number } {
  const started = performance.now();
  const result = checkBundle(readFileSync(`${LIMBO}${c.dir}/bundle.pem`), c.id, {
    at: new Date(c.validation_time ?? "2030-01-01T00:00:00Z"),
    warnDays: 0,
    scope: "chain",
    strict: false,
    purpose: c.required_eku?.includes("clientAuth") ? "client" : "server",
    anchors: anchors(readFileSync(`${LIMBO}${c.dir}/trusted.pem`, "utf8")),
  });
  const errors = result.findings
    .filter((f) => (f.severity === "error" && !POLICY_ONLY.has(f.id)) || f.id === "cert.profile")
    .map((f) => f.id);
  return { actual: errors.length ? "FAILURE" : "SUCCESS", ids: errors, ms: performance.now() - started };
}

// Outside CI a clone without ../shared beside it skips the suite; in CI its absence is a failure, not a skip.
it.runIf(Boolean(process.env.CI))("has the x509-limbo data in CI", () => {
  expect(present, `${LIMBO}index.json`).toBe(true);
});

describe.skipIf(!present)("x509-limbo conformance", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { actual, ids, ms } = verdict(c);
    expect(ms, "time limit").toBeLessThan(TIME_LIMIT_MS);
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
