import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";
import { sameNameCostlyCas } from "../hostile/costly-inputs.js";

// judge-files.ts reads a folder of many files a batch ahead and checks leaves' signatures on a second thread
// (core/x509/signature-worker.ts). Nothing a user sees may depend on it: every format, every finding and the
// exit code must be what one thread alone (CONNECTPAY_CERT_THREADS=1) gives, on a folder of every kind of
// input the fixtures hold, good, broken and binary, bad signatures among good ones.
const ONE_THREAD = { CONNECTPAY_CERT_THREADS: "1" };
// The second thread starts by itself from thousands of files; =2 starts it for this folder of some 600.
const TWO_THREADS = { CONNECTPAY_CERT_THREADS: "2" };
// What differs from run to run whatever the threads: JUnit's times and timestamps, Prometheus's run time.
const steady = (text: string) =>
  text.replace(/ (time|timestamp)="[^"]*"/g, ' $1=""').replace(/^(connectpay_cert_last_run_\w+) .*$/gm, "$1");
const AT = ["--at", "2030-01-01"];
let cwd: string;

function allFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFixtures(join(dir, e.name)) : [join(dir, e.name)],
  );
}

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), "cpc-thread-"));
  const dir = join(cwd, "certs");
  mkdirSync(dir);
  // Every fixture once, then good chains and bad signatures by turns: well past the ~200 bundles a starting
  // thread leaves to the main one.
  for (const file of allFixtures(FIXTURES))
    copyFileSync(file, join(dir, relative(FIXTURES, file).replaceAll("/", "-")));
  for (let i = 0; i < 500; i++) {
    const from = i % 3 === 0 ? "signature/bad-signature.pem" : "good/chain.pem";
    copyFileSync(`${FIXTURES}${from}`, join(dir, `z-${String(i).padStart(3, "0")}.pem`));
  }
  // The same file under two names (the walk judges it once) and a bundle that spends its signature budget.
  linkSync(join(dir, "z-001.pem"), join(dir, "z-001-again.pem"));
  writeFileSync(join(dir, "costly.pem"), await sameNameCostlyCas(4, 40));
}, 60_000);

describe("check of a folder with leaves' signatures checked on a second thread", () => {
  it("is judged over enough files to read ahead, with bad signatures among them", async () => {
    const res = await runCli(["check", "certs", "--json", ...AT], { cwd, env: TWO_THREADS });
    const doc = JSON.parse(res.stdout);
    expect(doc.results.length).toBeGreaterThan(500);
    const invalid = doc.results.filter((r: { findings: { id: string }[] }) =>
      r.findings.some((f) => f.id === "signature.invalid"),
    );
    expect(invalid.length).toBeGreaterThanOrEqual(160);
    expect(doc.results.filter((r: { ok: boolean }) => r.ok).length).toBeGreaterThanOrEqual(330);
  });

  for (const format of ["json", "human", "sarif", "junit", "github", "prometheus"]) {
    it(`prints what one thread prints (--format ${format})`, async () => {
      const args = ["check", "certs", "--format", format, ...AT];
      const [two, one] = [await runCli(args, { cwd, env: TWO_THREADS }), await runCli(args, { cwd, env: ONE_THREAD })];
      expect(two.code).toBe(one.code);
      expect(two.stderr).toBe(one.stderr);
      expect(steady(two.stdout)).toBe(steady(one.stdout));
    }, 30_000);
  }

  it("reads standard input at its turn, between files read ahead", async () => {
    const stdin = readFileSync(`${FIXTURES}signature/bad-signature.pem`);
    const args = ["check", "certs/z-000.pem", "-", "certs", "--json", ...AT];
    const [two, one] = [
      await runCli(args, { cwd, stdin, env: TWO_THREADS }),
      await runCli(args, { cwd, stdin, env: ONE_THREAD }),
    ];
    expect(JSON.parse(two.stdout).results[1].input).toBe("<stdin>");
    expect(two.stdout).toBe(one.stdout);
  }, 30_000);

  it("prints what one thread prints with --strict and --trust (the lean path)", async () => {
    const args = ["check", "certs", "--json", "--strict", "--trust", `${FIXTURES}good/root.pem`, ...AT];
    const [two, one] = [await runCli(args, { cwd, env: TWO_THREADS }), await runCli(args, { cwd, env: ONE_THREAD })];
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
  }, 30_000);
});
