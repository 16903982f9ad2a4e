import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// Issue 14: fix and fix --zip never ship a trap; day counts and hints are honest.
// fixtures/good/leaf.pem: notAfter 2098-12-31T23:59:59Z.
const tmp = () => mkdtempSync(`${tmpdir()}/cpc-journey-`);
const GOOD = "fixtures/good/chain.pem";

describe("fix judges expiry like check", () => {
  it("takes --warn-days, --fail-days and --strict", async () => {
    const out = `${tmp()}/fixed.pem`;
    const failing = await runCli(["fix", GOOD, "-o", out, "--fail-days", "30000", "--at", "2030-01-01"]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/error {3}.*less than --fail-days 30000.* \[validity\.expiring-soon\]/);
    expect(existsSync(out)).toBe(false);
    const warned = await runCli(["fix", GOOD, "-o", out, "--warn-days", "30000", "--at", "2030-01-01"]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/warning .* \[validity\.expiring-soon\]/);
    const strict = await runCli(["fix", GOOD, "-o", out, "--warn-days", "30000", "--strict", "--at", "2030-01-01"]);
    expect(strict.code).toBe(1);
  });

  it("--zip refuses a leaf expiring within the default 14 days, and -o alone does not", async () => {
    const dir = tmp();
    const at = ["--at", "2098-12-20"];
    const zip = await runCli(["fix", GOOD, "--zip", `${dir}/a.zip`, ...at]);
    expect(zip.code).toBe(1);
    expect(zip.stderr).toMatch(/expires on 2098-12-31, in 11 day\(s\) \(less than --fail-days 14\)/);
    expect(existsSync(`${dir}/a.zip`)).toBe(false);
    const plain = await runCli(["fix", GOOD, "-o", `${dir}/a.pem`, ...at]);
    expect(plain.code).toBe(0);
    const help = await runCli(["fix", "--help"]);
    expect(help.stdout).toMatch(/default with --zip: 14/);
  });

  it("the email body states the leaf's expiry date and the days left", async () => {
    const res = await runCli(["fix", GOOD, "--zip", `${tmp()}/a.zip`, "--at", "2030-01-01"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Valid until: 2098-12-31T23:59:59(\.000)?Z \(25201 day\(s\) left\)$/m);
  });
});

describe("day counts are honest", () => {
  it("whole days left are rounded down, as --fail-days compares them; the last day is counted in hours", async () => {
    const soon = await runCli(["check", GOOD, "--json", "--at", "2098-12-29T00:59:59Z"]);
    const leaf = JSON.parse(soon.stdout).results[0];
    expect(leaf.certificates[0].daysRemaining).toBe(2);
    const msg = leaf.findings.find((f: { id: string }) => f.id === "validity.expiring-soon").message;
    expect(msg).toMatch(/in 2 day\(s\)\.$/);
    const human = await runCli(["check", GOOD, "--at", "2098-12-29T00:59:59Z", "--no-color"]);
    expect(human.stdout).toMatch(/2098-12-31 \(2 day\(s\) left\)/);
    const lastDay = await runCli(["check", GOOD, "--json", "--at", "2098-12-31T12:00:00Z"]);
    expect(JSON.parse(lastDay.stdout).results[0].findings.map((f: { message: string }) => f.message)).toContainEqual(
      expect.stringMatching(/expires on 2098-12-31, in 12 hour\(s\)\.$/),
    );
  });

  it("9 days 1.5 hours left fails --fail-days 10 and says 9 days, never 10", async () => {
    // notAfter 2098-12-31T23:59:59Z minus 9 days 1.5 hours
    const at = "2098-12-22T22:29:59Z";
    const res = await runCli(["check", GOOD, "--json", "--at", at, "--fail-days", "10"]);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout).results[0];
    expect(doc.certificates[0].daysRemaining).toBe(9);
    const msg = doc.findings.find((f: { id: string }) => f.id === "validity.expiring-soon").message;
    expect(msg).toMatch(/in 9 day\(s\) \(less than --fail-days 10\)\.$/);
    const zip = await runCli(["fix", GOOD, "--zip", `${tmp()}/soon.zip`, "--at", "2098-12-12T22:29:59Z"]);
    expect(zip.stdout).toMatch(/\(19 day\(s\) left\)$/m);
  });
});

describe("hints are copy-pasteable and true", () => {
  it("quotes a file name the shell would split", async () => {
    const file = `${tmp()}/my chain's copy.pem`;
    copyFileSync(`${FIXTURES}chain/misordered.pem`, file);
    const res = await runCli(["check", file, "--json", "--at", "2030-01-01"]);
    const hint = JSON.parse(res.stdout).results[0].findings.find(
      (f: { id: string }) => f.id === "chain.misordered",
    ).hint;
    expect(hint).toBe(`Reorder it: \`connectpay-cert fix '${file.replace("'", "'\\''")}' -o fixed.pem\`.`);
  });

  it("names standard input as such", async () => {
    const stdin = readFileSync(`${FIXTURES}chain/misordered.pem`);
    const res = await runCli(["check", "-", "--json", "--at", "2030-01-01"], { stdin });
    const hint = JSON.parse(res.stdout).results[0].findings.find(
      (f: { id: string }) => f.id === "chain.misordered",
    ).hint;
    expect(hint).toBe(
      "Reorder it: `connectpay-cert fix - -o fixed.pem`. (`-` is standard input: pipe the same file in again.)",
    );
  });

  it("fix names the input it read, never the output it did not write", async () => {
    const out = `${tmp()}/a.pem`; // an existing folder: a missing one is refused before reading (issue 13)
    const res = await runCli([
      "fix",
      "fixtures/chain/no-root.pem",
      "--no-system-roots",
      "-o",
      out,
      "--json",
      "--at",
      "2030-01-01",
    ]);
    expect(res.code).toBe(1);
    const hint = JSON.parse(res.stdout).findings.find((f: { id: string }) => f.id === "chain.incomplete").hint;
    expect(hint).toContain("connectpay-cert fix fixtures/chain/no-root.pem");
    expect(hint).not.toContain(out);
    expect(existsSync(out)).toBe(false);
  });
});

describe("inspect", () => {
  it("says when the file also holds a private key", async () => {
    const res = await runCli(["inspect", "fixtures/format/with-private-key.pem", "--at", "2030-01-01"]);
    expect(res.stdout.split("\n")[1]).toBe(
      "This file also holds a private key: keep it private and never send it. `connectpay-cert fix` writes the certificates without it.",
    );
    const json = await runCli(["inspect", "fixtures/format/with-private-key.pem", "--json", "--at", "2030-01-01"]);
    expect(JSON.parse(json.stdout).privateKeys).toBe(1);
    const clean = await runCli(["inspect", GOOD, "--at", "2030-01-01"]);
    expect(clean.stdout).not.toMatch(/private key/);
  });
});
