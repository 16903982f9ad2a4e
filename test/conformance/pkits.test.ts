import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

// NIST PKITS 1.0.1 (public domain), copied into test/conformance/pkits/ by its make-index.mjs with the
// order each test's bundle takes. Every test runs through `check`, in-process, as a user would run it: the
// path as the bundle (end entity first), the trust anchor as --trust, and every CRL of the test through
// --crl-file, with the certificates that only sign CRLs beside them (like `openssl verify -crl_check_all
// -use_deltas -CRLfile`). PKITS' "valid" is our exit 0 with no revocation.unavailable: an undetermined
// status is a refusal in PKITS' terms. Disagreements are listed, with the reason, in pkits-known-differences.json.
const PKITS = "test/conformance/pkits/";
const AT = "2020-01-01T00:00:00Z";
const REVOCATION = /^4\.(4|5|7\.[45]|14|15)\./;

interface PkitsTest {
  number: string;
  title: string;
  valid: boolean;
  settings: Record<string, string>;
  bundle: string[];
  crlSigners: string[];
  crls: string[];
}

const tests: PkitsTest[] = JSON.parse(readFileSync(`${ROOT}${PKITS}index.json`, "utf8"));
const known: Record<string, string> = JSON.parse(
  readFileSync(`${ROOT}test/conformance/pkits-known-differences.json`, "utf8"),
);
const keyOf = (t: PkitsTest) => `${t.number} ${t.title}`;
const tally = new Map<string, { agree: number; total: number }>();

const pem = (name: string) => {
  const b64 = readFileSync(`${ROOT}${PKITS}certs/${name}.crt`).toString("base64");
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join("\n")}\n-----END CERTIFICATE-----\n`;
};

async function verdict(t: PkitsTest): Promise<{ valid: boolean; ids: string[] }> {
  const files = [...t.crls.map((c) => `${PKITS}crls/${c}.crl`), ...t.crlSigners.map((c) => `${PKITS}certs/${c}.crt`)];
  const argv = ["check", "--json", "-", "--trust", `${PKITS}certs/TrustAnchorRootCertificate.crt`];
  argv.push("--purpose", "any", "--at", AT, "--warn-days", "0", ...files.flatMap((f) => ["--crl-file", f]));
  const { code, stdout, stderr } = await runCli(argv, { stdin: t.bundle.map(pem).join("") });
  expect([0, 1], stderr).toContain(code);
  const ids: string[] = JSON.parse(stdout)
    .results[0].findings.filter((f: { severity: string }) => f.severity !== "info")
    .map((f: { id: string }) => f.id);
  return { valid: code === 0 && !ids.includes("revocation.unavailable"), ids };
}

describe("NIST PKITS conformance (check with --crl-file)", () => {
  it("has every test", () => {
    expect(tests.length).toBe(249);
  });

  it.each(tests.map((t) => [keyOf(t), t] as const))("%s", async (key, t) => {
    const { valid, ids } = await verdict(t);
    const agree = valid === t.valid;
    const section = REVOCATION.test(`${t.number}.`) ? "revocation" : "other";
    const s = tally.get(section) ?? { agree: 0, total: 0 };
    tally.set(section, { agree: s.agree + (agree ? 1 : 0), total: s.total + 1 });
    if (agree) expect(known[key], `${key} agrees now: remove it from pkits-known-differences.json`).toBeUndefined();
    else expect(known[key], `new disagreement: PKITS valid=${t.valid}, check ${ids.join(", ")}`).toBeDefined();
  });

  it("every known difference names a PKITS test", () => {
    const keys = new Set(tests.map(keyOf));
    expect(Object.keys(known).filter((k) => !keys.has(k))).toEqual([]);
  });

  afterAll(() => {
    const rows = [...tally].map(([section, s]) => `  ${section.padEnd(11)} ${s.agree}/${s.total}`);
    console.log(`PKITS agreement:\n${rows.join("\n")}`);
  });
});
