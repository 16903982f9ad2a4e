import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { FIXTURES, runCli } from "../helpers/cli.js";
import { secretYaml } from "../helpers/kube-secret.js";
import { withUnresolvableNames } from "../helpers/resolver.js";
import { runBin } from "./measure.js";

// Where two features meet: each test here failed after the branches were merged, before the fix.
const dir = mkdtempSync(`${tmpdir()}/cpc-cross-feature-`);
chmodSync(dir, 0o755);
const AT = ["--at", "2030-01-01"];
const RAW = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const GOOD = readFileSync(`${FIXTURES}good/chain.pem`, "utf8");
const secret = (name: string) =>
  secretYaml({ namespace: "prod", name, type: "kubernetes.io/tls", data: { "tls.crt": GOOD } });

describe("check --config goes through the same file checks as probe's config", () => {
  it("refuses a FIFO instead of hanging on it", async () => {
    const fifo = `${dir}/config.fifo`;
    execFileSync("mkfifo", [fifo]);
    const res = await runCli(["check", `${FIXTURES}good/chain.pem`, "--config", fifo, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/named pipe \(FIFO\), not a regular file/);
  });

  it("refuses a planted, world-writable config in the current folder that would silence an error", async () => {
    const cwd = `${dir}/planted`;
    mkdirSync(cwd);
    writeFileSync(`${cwd}/connectpay-cert.config.json`, JSON.stringify({ findings: { "chain.incomplete": "off" } }));
    chmodSync(`${cwd}/connectpay-cert.config.json`, 0o666);
    const res = await runBin(["check", `${FIXTURES}chain/no-root.pem`, ...AT], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/is refused: it is writable by (its group|others)/);
  });
});

describe("fix never writes over a file it read", () => {
  it("refuses -o onto the --registered file", async () => {
    const registered = `${dir}/registered.pem`;
    writeFileSync(registered, readFileSync(`${FIXTURES}good/leaf.pem`));
    const before = readFileSync(registered, "utf8");
    const res = await runCli(["fix", `${FIXTURES}good/chain.pem`, "--registered", registered, "-o", registered, ...AT]);
    expect(res.code).toBe(2);
    expect(readFileSync(registered, "utf8")).toBe(before);
  });
});

describe("gateway never writes its CA over a file it read (issue 25)", () => {
  it.each([
    ["--registered", (f: string) => ["--registered", f]],
    ["--client-secret-file", (f: string) => ["--registered", `${FIXTURES}good/chain.pem`, "--client-secret-file", f]],
  ])("refuses --ca-out onto the %s file, before it listens", async (_flag, args) => {
    const input = `${dir}/gateway-input-${_flag.slice(2)}.pem`;
    writeFileSync(input, GOOD, { mode: 0o600 });
    const gateway = [
      "gateway",
      ...args(input),
      "--ca-out",
      input,
      "--client-key",
      "k",
      "--port",
      "0",
      "--public-port",
      "0",
    ];
    const res = await runBin(gateway, {
      cwd: dir,
      env: { CONNECTPAY_CLIENT_SECRET: "s3cret-value" },
      timeoutMs: 10_000,
    });
    expect(res.timedOut).toBe(false);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`--ca-out: ${input} is the input file; write the result to a new file instead.`);
    expect(readFileSync(input, "utf8")).toBe(GOOD);
  });
});

describe("Kubernetes Secrets meet scans, SARIF and fix's hints", () => {
  beforeAll(() => {
    mkdirSync(`${dir}/k8s`);
    writeFileSync(`${dir}/k8s/pay-tls.yaml`, secret("pay-tls"));
  });

  it("a glob scan judges a Secret instead of skipping it as text", async () => {
    const res = await runCli(["check", `${dir}/k8s/*.yaml`, "--json", ...AT]);
    const doc = JSON.parse(res.stdout);
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0].certificates).toHaveLength(3);
  });

  it("SARIF gives no line numbers of the decoded PEM for a Secret: its results point at the file's first line", async () => {
    const res = await runCli(["check", `${dir}/k8s/pay-tls.yaml`, "--format", "sarif", ...AT]);
    expect(res.stdout).toContain("pay-tls.yaml");
    const lines = res.stdout.match(/"startLine": \d+/g) ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines)).toEqual(new Set(['"startLine": 1']));
  });

  it("fix's hints name the file, not the Secret's display name", async () => {
    const noRoot = secretYaml({
      namespace: "prod",
      name: "no-root",
      type: "kubernetes.io/tls",
      data: { "tls.crt": readFileSync(`${FIXTURES}chain/no-root.pem`, "utf8") },
    });
    writeFileSync(`${dir}/no-root.yaml`, noRoot);
    const res = await runCli(["fix", `${dir}/no-root.yaml`, "--no-system-roots", ...AT]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`connectpay-cert fix ${dir}/no-root.yaml --fetch-missing`);
    expect(res.stderr).not.toMatch(/fix '.*\(Secret /);
  });
});

describe("hints stay copy-pasteable where features meet", () => {
  it("the hint after a failed --fetch-missing names the file, not a FILE placeholder", async () => {
    // The fixture's AIA names ca.demo.example: the resolver's ENOTFOUND is given in-process (no DNS query).
    const { result: res, asked } = await withUnresolvableNames(() =>
      runCli(["fix", `${FIXTURES}chain/no-root.pem`, "--fetch-missing", "--no-system-roots", ...AT]),
    );
    expect(asked).toEqual(["ca.demo.example"]);
    expect(res.stderr).toMatch(/--fetch-missing could not complete it/);
    expect(res.stderr).toContain(`connectpay-cert fix ${FIXTURES}chain/no-root.pem --ca-file downloaded.pem`);
  });

  it("the registration hint shell-quotes the registered file", async () => {
    const registered = `${dir}/sent last year.pem`;
    writeFileSync(registered, readFileSync(`${FIXTURES}chain/fidelity-leaf.pem`));
    const res = await runCli(["check", `${FIXTURES}good/chain.pem`, "--registered", registered, ...AT]);
    expect(res.stdout).toContain(`--registered '${registered}'`);
  });
});

describe("text that later features print is neutralised too", () => {
  it("probe's target line shows a hostile config path visibly", async () => {
    const config = `${dir}/cfg\u001b[31mRED\n::add-mask::x.json`;
    writeFileSync(config, JSON.stringify({ mtlsHost: "127.0.0.1:9" }));
    const res = await runCli(
      ["probe", "--cert", `${FIXTURES}chain/reversed.pem`, "--key", `${FIXTURES}good/leaf.key`, "--config", config],
      { env: { CONNECTPAY_CLIENT_SECRET: "s3cret-value", CONNECTPAY_CLIENT_KEY: "k" } },
    );
    expect(res.stderr).toMatch(/probe: mTLS host 127\.0\.0\.1:9 \(from .*cfg\\x1b\[31mRED\\n::add-mask::x\.json\)/);
    expect(res.stderr.split("\n").some((l) => l.startsWith("::"))).toBe(false);
  });

  it("SARIF escapes bidi and C1 characters from a certificate", async () => {
    const dates = { notBefore: new Date("2024-01-01"), notAfter: new Date("2099-01-01") };
    const root = await issue({ subject: "CN=Bidi Root", ca: true, ...dates });
    const int = await issue({ subject: "CN=Bidi CA", ca: true, issuer: root, ...dates });
    const leaf = await issue({
      subject: [{ CN: [{ utf8String: "pay\u202etxt.exe\u0085x" }] }],
      issuer: int,
      clientAuth: true,
      ...dates,
    });
    // The leaf alone: chain.incomplete names it in its message.
    writeFileSync(`${dir}/bidi.pem`, leaf.pem);
    const res = await runCli(["check", `${dir}/bidi.pem`, "--format", "sarif", ...AT]);
    expect(res.stdout).toContain("\\u202e");
    expect(res.stdout).not.toMatch(RAW);
  });

  it("csr refuses bidi overrides in the subject and escapes its file names", async () => {
    const bidi = await runCli(["csr", "--cn", "pay\u202eexe.txt", "-o", `${dir}/bidi`]);
    expect(bidi.code).toBe(2);
    const out = await runCli(["csr", "--cn", "payments.example", "-o", `${dir}/out\u001b[31mred`]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("out\\x1b[31mred.key");
    expect(out.stdout).not.toMatch(RAW);
  });

  it("csr leaves no orphan key when the request's name is a dangling link", async () => {
    symlinkSync(`${dir}/nowhere`, `${dir}/dangling.csr`);
    const res = await runCli(["csr", "--cn", "payments.example", "-o", `${dir}/dangling`]);
    expect(res.code).toBe(2);
    expect(existsSync(`${dir}/dangling.key`)).toBe(false);
  });
});
