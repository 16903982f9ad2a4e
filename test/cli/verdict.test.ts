import { chmodSync, copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, FIXTURES, ROOT, runCli } from "../helpers/cli.js";
import { sarifSchemaErrors } from "../helpers/sarif.js";

// One verdict, decided once in core, read by every format: these run the built CLI, as a user or a CI job does.
const FORMATS = ["human", "json", "github", "junit", "sarif", "prometheus"] as const;
type Format = (typeof FORMATS)[number];
type Outputs = Record<Format, { code: number; stdout: string; stderr: string }>;

/** `check` once per format, in parallel; the folder's own config file (if any) is picked up as a user's would be. */
async function everyFormat(args: string[], cwd: string): Promise<Outputs> {
  const runs = await Promise.all(
    FORMATS.map((format) =>
      execa("node", [BIN, "check", ...args, "--format", format, "--at", "2030-01-01"], {
        cwd,
        reject: false,
        env: { NO_COLOR: "1" },
      }),
    ),
  );
  return Object.fromEntries(
    FORMATS.map((f, i) => [
      f,
      { code: runs[i].exitCode ?? -1, stdout: String(runs[i].stdout), stderr: String(runs[i].stderr) },
    ]),
  ) as Outputs;
}

/** The same, in-process from the source: for the control cases, where no built-CLI difference is at stake. */
async function everyFormatInProcess(args: string[]): Promise<Outputs> {
  const runs = await Promise.all(
    FORMATS.map((format) =>
      runCli(["check", ...args, "--format", format, "--at", "2030-01-01"], { env: { NO_COLOR: "1" } }),
    ),
  );
  return Object.fromEntries(FORMATS.map((f, i) => [f, runs[i]])) as Outputs;
}

const codes = (o: Outputs) => FORMATS.map((f) => o[f].code);
const sarifResult = (o: Outputs, id: string) =>
  JSON.parse(o.sarif.stdout).runs[0].results.find((r: { ruleId: string }) => r.ruleId === id);
const jsonFinding = (o: Outputs, id: string) =>
  JSON.parse(o.json.stdout).results[0].findings.find((f: { id: string }) => f.id === id);

describe("a warning-only bundle under --strict fails in every format alike", () => {
  const file = "fixtures/chain/duplicate.pem";
  let strict: Outputs;
  let plain: Outputs;
  beforeAll(async () => {
    [strict, plain] = await Promise.all([everyFormat([file, "--strict"], ROOT), everyFormatInProcess([file])]);
  }, 60_000);

  it("without --strict the warning is a warning everywhere and the run passes", () => {
    expect(codes(plain)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(plain.human.stdout).toMatch(/^ {2}warning .* \[chain\.duplicate\]$/m);
    expect(jsonFinding(plain, "chain.duplicate")).toMatchObject({ severity: "warning", fails: false });
    expect(plain.github.stdout).toMatch(
      /^::warning file=fixtures\/chain\/duplicate\.pem,line=30,title=connectpay-cert chain\.duplicate::/m,
    );
    expect(plain.junit.stdout).toMatch(/failures="0"/);
    expect(sarifResult(plain, "chain.duplicate").level).toBe("warning");
    expect(plain.prometheus.stdout).toMatch(/^connectpay_cert_check_ok\{file="fixtures\/chain\/duplicate\.pem"\} 1$/m);
  });

  it("under --strict: exit 1, and human, JSON, GitHub, JUnit, SARIF and Prometheus all call it a failing error", () => {
    expect(codes(strict)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(strict.human.stdout).toMatch(/^ {2}error {3}.* \[chain\.duplicate\]$/m);
    expect(strict.human.stdout).toMatch(/ConnectPay's rules: rejected: 1 warning under --strict$/m);
    const doc = JSON.parse(strict.json.stdout);
    expect(doc.ok).toBe(false);
    expect(jsonFinding(strict, "chain.duplicate")).toMatchObject({ severity: "warning", fails: true });
    expect(strict.github.stdout).toMatch(
      /^::error file=fixtures\/chain\/duplicate\.pem,line=30,title=connectpay-cert chain\.duplicate::/m,
    );
    expect(strict.github.stdout).not.toMatch(/^::warning/m);
    expect(strict.junit.stdout).toMatch(/<failure message="1 finding\(s\): chain\.duplicate" type="chain\.duplicate">/);
    expect(sarifResult(strict, "chain.duplicate").level).toBe("error");
    expect(strict.prometheus.stdout).toMatch(/^connectpay_cert_check_ok\{file="fixtures\/chain\/duplicate\.pem"\} 0$/m);
    expect(strict.prometheus.stdout).toMatch(
      /^connectpay_cert_findings\{file="fixtures\/chain\/duplicate\.pem",severity="error"\} 1$/m,
    );
    expect(strict.prometheus.stdout).toMatch(
      /^connectpay_cert_findings_by_id\{.*id="chain\.duplicate",severity="error"\} 1$/m,
    );
  });
});

describe("a config file that switches an error off: accepted, never silently", () => {
  let dir: string;
  let out: Outputs;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cpc-verdict-"));
    copyFileSync(`${FIXTURES}validity/expired-leaf.pem`, join(dir, "expired.pem"));
    const config = join(dir, "connectpay-cert.config.json");
    writeFileSync(config, JSON.stringify({ findings: { "validity.expired": "off" } }));
    chmodSync(config, 0o644);
    out = await everyFormat(["expired.pem"], dir);
  }, 60_000);

  it("exits 0 in every format, as the repository asked", () => {
    expect(codes(out)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("--json keeps the finding, not failing, with suppressed naming the config file", () => {
    const doc = JSON.parse(out.json.stdout);
    expect(doc.ok).toBe(true);
    expect(jsonFinding(out, "validity.expired")).toMatchObject({
      severity: "error",
      fails: false,
      suppressed: { by: "config", file: "connectpay-cert.config.json", setting: "off", severity: "error" },
    });
  });

  it("SARIF keeps the result, with an external suppression, and stays valid SARIF 2.1.0", () => {
    const log = JSON.parse(out.sarif.stdout);
    expect(sarifSchemaErrors(log)).toBe("");
    const result = sarifResult(out, "validity.expired");
    expect(result.level).toBe("error");
    expect(result.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification: expect.stringMatching(/^switched off by connectpay-cert\.config\.json/),
      },
    ]);
  });

  it("the human summary says the chain is accepted only because an error was silenced", () => {
    expect(out.human.stdout).toMatch(/^ {2}off {5}.* \[validity\.expired\]$/m);
    expect(out.human.stdout).toMatch(
      /^ConnectPay's rules: accepted only because 1 error was silenced by connectpay-cert\.config\.json$/m,
    );
  });

  it("GitHub, JUnit and Prometheus show it too, none as a failure", () => {
    expect(out.github.stdout).toMatch(
      /^::notice file=expired\.pem,line=1,title=connectpay-cert validity\.expired::.*switched off by connectpay-cert\.config\.json/m,
    );
    expect(out.junit.stdout).toMatch(/failures="0"/);
    expect(out.junit.stdout).toMatch(
      /(^|<system-out>)off validity\.expired: .*\[switched off by connectpay-cert\.config\.json/m,
    );
    expect(out.prometheus.stdout).toMatch(/^connectpay_cert_check_ok\{file="expired\.pem"\} 1$/m);
    expect(out.prometheus.stdout).toMatch(/^connectpay_cert_findings_suppressed\{file="expired\.pem"\} 1$/m);
  });

  it("fix --zip ignores the config: the package to email is judged by ConnectPay's rules, and is not written", async () => {
    const res = await execa("node", [BIN, "fix", "expired.pem", "--zip", "send.zip", "--at", "2030-01-01", "--json"], {
      cwd: dir,
      reject: false,
      env: { NO_COLOR: "1" },
    });
    expect(res.exitCode).toBe(1);
    const doc = JSON.parse(String(res.stdout));
    expect(doc.ok).toBe(false);
    expect(doc.findings.find((f: { id: string }) => f.id === "validity.expired")).toMatchObject({
      severity: "error",
      fails: true,
    });
    expect(doc.findings.some((f: { suppressed?: unknown }) => f.suppressed)).toBe(false);
    expect(existsSync(join(dir, "send.zip"))).toBe(false);
  });
});

describe("a config file that re-grades an error down", () => {
  const expired = "fixtures/validity/expired-leaf.pem";
  let config: string;
  beforeAll(() => {
    config = join(mkdtempSync(join(tmpdir(), "cpc-verdict-")), "grades.json");
    writeFileSync(config, JSON.stringify({ findings: { "validity.expired": "warning" } }));
  });
  const check = (...extra: string[]) =>
    runCli(["check", expired, "--config", config, "--at", "2030-01-01", ...extra], { env: { NO_COLOR: "1" } });

  it("accepts, says why, and marks the finding with its old severity", async () => {
    const human = await check();
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /^ {2}warning .* \[validity\.expired\]\n {10}→ .*\n {10}→ re-graded from error to warning by .*grades\.json/m,
    );
    expect(human.stdout).toMatch(/^ConnectPay's rules: accepted only because 1 error was silenced by .*grades\.json$/m);
    const json = await check("--json");
    expect(JSON.parse(json.stdout).results[0].findings[0]).toMatchObject({
      id: "validity.expired",
      severity: "warning",
      fails: false,
      suppressed: { by: "config", file: config, setting: "warning", severity: "error" },
    });
  });

  it("under --strict the re-graded warning fails again, so nothing is suppressed", async () => {
    const json = await check("--json", "--strict");
    expect(json.code).toBe(1);
    const [f] = JSON.parse(json.stdout).results[0].findings;
    expect(f).toMatchObject({ id: "validity.expired", severity: "warning", fails: true });
    expect(f.suppressed).toBeUndefined();
  });

  it("an error the config leaves alone still rejects, and the verdict names what was silenced besides", async () => {
    writeFileSync(config, JSON.stringify({ findings: { "validity.expired": "off" } }));
    const res = await check("--purpose", "server");
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /^ConnectPay's rules: rejected: 1 error; besides, 1 error was silenced by .*grades\.json$/m,
    );
  });
});
