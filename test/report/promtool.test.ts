import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, FIXTURES, ROOT } from "../helpers/cli.js";
import { secretListYaml } from "../helpers/kube-secret.js";

// promtool is Prometheus's own judge of the exposition format and of rule files (Debian: `prometheus`).
const present = spawnSync("promtool", ["--version"]).status === 0;
const RULES = `${ROOT}examples/prometheus/`;

// Outside CI a machine without promtool skips these, saying why; in CI its absence is a failure (.ci/run installs it).
it.runIf(Boolean(process.env.CI))("has promtool in CI", () => {
  expect(present, "promtool not on PATH: apt-get install prometheus").toBe(true);
});

let metrics: string;
beforeAll(async () => {
  const pemText = (f: string) => `${FIXTURES}${f}`;
  const dir = mkdtempSync(`${tmpdir()}/cpc-promtool-`);
  const chain = readFileSync(pemText("good/chain.pem"), "utf8");
  const secrets = `${dir}/secrets.yaml`;
  writeFileSync(
    secrets,
    secretListYaml([
      {
        namespace: "payments",
        name: "client",
        type: "kubernetes.io/tls",
        data: { "tls.crt": chain, "tls.key": "k" },
      },
    ]),
  );
  // Real output of the built CLI: a good chain, every chain defect (a duplicated intermediate among them),
  // an unreadable path and a Secret List.
  const res = await execa(
    "node",
    [
      BIN,
      "check",
      pemText("good/chain.pem"),
      pemText("chain/"),
      `${dir}/missing.pem`,
      secrets,
      "--format",
      "prometheus",
      "--at",
      "2030-01-01",
    ],
    { reject: false, stripFinalNewline: false },
  );
  metrics = res.stdout;
});

const title = present ? "promtool" : "promtool (skipped: promtool is not on PATH; apt-get install prometheus)";
describe.skipIf(!present)(title, () => {
  it("check metrics accepts the CLI's output with no lint complaint", () => {
    const res = spawnSync("promtool", ["check", "metrics"], { input: metrics, encoding: "utf8" });
    expect(`${res.stdout}${res.stderr}`).toBe("");
    expect(res.status).toBe(0);
  });

  it("check rules accepts the shipped rules", () => {
    const res = spawnSync("promtool", ["check", "rules", `${RULES}connectpay-cert.rules.yml`], { encoding: "utf8" });
    expect(res.stdout).toMatch(/SUCCESS: 6 rules found/);
    expect(res.status).toBe(0);
  });

  it("test rules: every alert fires on synthetic series and resolves", () => {
    const res = spawnSync("promtool", ["test", "rules", "connectpay-cert.rules.test.yml"], {
      cwd: RULES,
      encoding: "utf8",
    });
    expect(res.stdout + res.stderr).toMatch(/SUCCESS/);
    expect(res.status).toBe(0);
  });
});

describe("the exposition beyond what promtool 2.42 lints", () => {
  it("repeats no label set within a family, even for a duplicated intermediate", () => {
    const series = metrics.split("\n").filter((l) => l && !l.startsWith("#"));
    const keys = series.map((l) => l.slice(0, l.lastIndexOf(" ")));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(metrics).toContain(`file="${FIXTURES}chain/duplicate.pem`);
  });

  it("has HELP and TYPE for every family and a run timestamp", () => {
    const names = new Set(
      metrics
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => l.split(/[{ ]/)[0]),
    );
    for (const name of names) {
      expect(metrics).toContain(`# HELP ${name} `);
      expect(metrics).toContain(`# TYPE ${name} gauge`);
    }
    expect(metrics).toMatch(/^connectpay_cert_last_run_timestamp_seconds \d{10}$/m);
    expect(metrics).toMatch(
      /^connectpay_cert_info\{.*secret_namespace="payments",secret_name="client",secret_key="tls\.crt".*\} 1$/m,
    );
  });
});
