import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { issueCert } from "../helpers/ca.js";
import { FIXTURES, runCli } from "../helpers/cli.js";

// Issue 14: CI scans read like a person wrote them.
const AT = ["--at", "2030-01-01"];

function scanDir(): string {
  const dir = mkdtempSync(`${tmpdir()}/cpc-scan-`);
  copyFileSync(`${FIXTURES}good/chain.pem`, `${dir}/chain.pem`);
  writeFileSync(`${dir}/client-key.pem`, readFileSync(`${FIXTURES}good/leaf.key`), { mode: 0o644 });
  writeFileSync(`${dir}/notes.pem`, "Renew via the CA portal; ask Ops for the password.\n");
  copyFileSync(`${FIXTURES}format/leaf.der`, `${dir}/leaf.der`);
  copyFileSync(`${FIXTURES}format/chain.p7b`, `${dir}/chain.p7b`);
  return dir;
}

type Result = { input: string; ok: boolean; findings: { id: string; severity: string }[] };
const byName = (results: Result[], name: string) => results.find((r) => r.input.endsWith(name)) as Result;

describe("a directory scan", () => {
  it("reports a key-only file as a key file with its permission check, and skips text without certificates", async () => {
    const dir = scanDir();
    const res = await runCli(["check", dir, "--json", ...AT]);
    const doc = JSON.parse(res.stdout);
    const key = byName(doc.results, "client-key.pem");
    expect(key.findings.map((f) => f.id)).toEqual(["input.key-file", "key.permissions"]);
    expect(key.findings.map((f) => f.id)).not.toContain("format.private-key");
    expect(doc.results.map((r: Result) => r.input)).not.toContain(`${dir}/notes.pem`);
    expect(doc.summary).toMatchObject({ files: 4, unreadable: 0, skipped: 1 });
    const human = await runCli(["check", dir, ...AT]);
    expect(human.stdout).toMatch(/4 files checked: .*, 1 skipped \(no certificate in them\)$/m);
  });

  it("judges a binary file with no zero byte, where it skips a text one: a broken .crt must not pass unseen", async () => {
    const dir = scanDir();
    writeFileSync(`${dir}/broken.crt`, Buffer.from([0x8b, 0x1f, 0xff, 0x42, 0x03, 0xa7, 0xe9, 0x15]));
    const res = await runCli(["check", dir, "--json", ...AT]);
    const doc = JSON.parse(res.stdout);
    expect(byName(doc.results, "broken.crt").findings.map((f) => f.id)).toEqual(["format.not-pem"]);
    expect(doc.summary).toMatchObject({ files: 5, skipped: 1 });
    expect(res.code).toBe(1);
  });

  it("judges a PKCS#7 block with a private key beside it: it does not pass unpacked without its key", async () => {
    const dir = scanDir();
    const p7AndKey =
      readFileSync(`${FIXTURES}format/chain-p7b.pem`, "latin1") + readFileSync(`${FIXTURES}good/leaf.key`);
    writeFileSync(`${dir}/bundle.pem`, p7AndKey);
    const res = await runCli(["check", dir, "--json", ...AT]);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(byName(doc.results, "bundle.pem").findings.map((f) => f.id)).toContain("format.private-key");
    expect(doc.summary).toMatchObject({ files: 5, skipped: 1 });
  });

  it("judges DER and PKCS#7 files for expiry like PEM files; named on their own they are still not PEM", async () => {
    const dir = scanDir();
    const late = await runCli(["check", dir, "--json", "--at", "2099-06-01"]);
    const results = JSON.parse(late.stdout).results;
    for (const name of ["leaf.der", "chain.p7b"]) {
      const ids = byName(results, name).findings.map((f) => f.id);
      expect(ids, name).toContain("validity.expired");
      expect(ids, name).not.toContain("format.not-pem");
    }
    const alone = await runCli(["check", `${dir}/chain.p7b`, "--json", ...AT]);
    expect(JSON.parse(alone.stdout).results[0].findings.map((f: { id: string }) => f.id)).toContain("format.not-pem");
  });

  it("judges PEM-armoured PKCS#7 (a .p7b, or inside a .crt) like the DER .p7b beside it", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-scan-p7-`);
    copyFileSync(`${FIXTURES}format/chain.p7b`, `${dir}/der.p7b`);
    copyFileSync(`${FIXTURES}format/chain-p7b.pem`, `${dir}/armoured.p7b`);
    copyFileSync(`${FIXTURES}format/chain-p7b.pem`, `${dir}/from-ca.crt`);
    const late = await runCli(["check", dir, "--json", "--at", "2099-06-01"]);
    const results = JSON.parse(late.stdout).results;
    for (const name of ["der.p7b", "armoured.p7b", "from-ca.crt"]) {
      const ids = byName(results, name).findings.map((f) => f.id);
      expect(ids, name).toContain("validity.expired");
      expect(ids, name).not.toContain("format.not-pem");
    }
  });
});

describe("check in CI", () => {
  it("warns about a leaf without a Common Name (ConnectPay matches serial and CN)", async () => {
    const root = await issueCert({ subject: "CN=NoCN Root", ca: true });
    const leaf = await issueCert({ subject: "O=Acme Payments UAB, C=LT", issuer: root });
    const file = `${mkdtempSync(`${tmpdir()}/cpc-nocn-`)}/chain.pem`;
    writeFileSync(file, leaf.pem + root.pem);
    const res = await runCli(["check", file, "--json"]);
    const f = JSON.parse(res.stdout).results[0].findings.find((x: { id: string }) => x.id === "leaf.no-common-name");
    expect(f).toMatchObject({ severity: "warning", message: expect.stringMatching(/has no Common Name \(CN\)/) });
  });

  it("under --strict, warnings that fail the run are ::error in --format github", async () => {
    const args = ["check", "fixtures/good/chain.pem", "--format", "github", "--warn-days", "30000", ...AT];
    const plain = await runCli(args);
    expect(plain.stdout).toMatch(
      /^::warning file=fixtures\/good\/chain\.pem,line=1,title=connectpay-cert validity\.expiring-soon::/m,
    );
    const strict = await runCli([...args, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /^::error file=fixtures\/good\/chain\.pem,line=1,title=connectpay-cert validity\.expiring-soon::/m,
    );
    expect(strict.stdout).not.toMatch(/^::warning/m);
  });

  it("--help's Prometheus example writes a temporary file and renames it", async () => {
    const res = await runCli(["check", "--help"]);
    expect(res.stdout).toMatch(/--format prometheus > (\S+)\.tmp; \\\n\s+mv \1\.tmp \1\n/);
  });
});

describe("per-finding switches in the config file", () => {
  it("silences or re-grades a finding and says how many were silenced", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-cfg-`);
    const config = `${dir}/connectpay-cert.config.json`;
    writeFileSync(
      config,
      JSON.stringify({ findings: { "root.not-publicly-trusted": "off", "validity.expiring-soon": "error" } }),
    );
    const args = ["check", "fixtures/good/chain.pem", "--config", config, "--warn-days", "30000", ...AT];
    const human = await runCli(args);
    expect(human.code).toBe(1);
    expect(human.stdout).not.toMatch(/root\.not-publicly-trusted/);
    expect(human.stdout).toMatch(/error {3}.* \[validity\.expiring-soon\]/);
    expect(human.stdout).toMatch(/^1 finding\(s\) silenced by "findings" in .*connectpay-cert\.config\.json\.$/m);
    const json = await runCli([...args, "--json"]);
    const kept = JSON.parse(json.stdout).results[0].findings.map(
      (f: { id: string; severity: string }) => `${f.severity} ${f.id}`,
    );
    expect(new Set(kept)).toEqual(new Set(["error validity.expiring-soon", "info revocation.no-responder"]));
    expect(json.stderr).toMatch(/1 finding\(s\) silenced/);
  });

  it("refuses an unknown finding id or setting, naming the file (exit 2)", async () => {
    const config = `${mkdtempSync(`${tmpdir()}/cpc-cfg-`)}/c.json`;
    writeFileSync(config, JSON.stringify({ findings: { "root.not-trusted": "off" } }));
    const res = await runCli(["check", "fixtures/good/chain.pem", "--config", config]);
    expect(res).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/"findings" names "root\.not-trusted", which is no finding id/),
    });
    writeFileSync(config, JSON.stringify({ findings: { "root.not-publicly-trusted": "quiet" } }));
    const bad = await runCli(["check", "fixtures/good/chain.pem", "--config", config]);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/must be one of off, error, warning, info/) });
  });
});

describe("a scan where no certificate was judged does not pass (issue 25)", () => {
  const LFS_POINTER =
    "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1234\n";

  it.each([
    ["human", []],
    ["json", ["--json"]],
    ["github", ["--format", "github"]],
  ])("a folder whose only file is a Git LFS pointer: exit 2 (%s)", async (format, flags) => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-lfs-`);
    writeFileSync(`${dir}/chain.pem`, LFS_POINTER);
    const res = await runCli(["check", dir, ...flags, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${dir}/chain.pem is a Git LFS pointer (the file itself was never fetched)`);
    expect(res.stderr).toContain("git lfs pull");
    if (format === "json") {
      const doc = JSON.parse(res.stdout);
      expect(doc.ok).toBe(false);
      expect(doc.summary).toMatchObject({ files: 1, unreadable: 1 });
      expect(doc.results[0].findings[0]).toMatchObject({
        id: "input.unreadable",
        hint: expect.stringMatching(/lfs: true/),
      });
    }
  });

  it("a folder of notes only: exit 2, and no word of Git LFS (a pointer is named on its own now)", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-notes-only-`);
    writeFileSync(`${dir}/notes.pem`, "Renew via the CA portal.\n");
    const res = await runCli(["check", dir, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("no certificate was judged: 1 file(s) skipped because no certificate is in them");
    expect(res.stderr).not.toMatch(/lfs/i);
  });

  it("a folder of key files only: exit 2 as well", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-keys-only-`);
    writeFileSync(`${dir}/client-key.pem`, readFileSync(`${FIXTURES}good/leaf.key`), { mode: 0o600 });
    const res = await runCli(["check", dir, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("no certificate was judged: only key files were found");
  });

  // A pointer stands where a certificate should be: beside a judged chain it is not skipped as notes either,
  // or an expired certificate kept in LFS would pass every CI run that forgot to fetch it.
  it("a pointer beside a judged chain is a file that could not be checked: exit 2, the chain still judged", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-lfs-and-chain-`);
    writeFileSync(`${dir}/big.pem`, LFS_POINTER);
    copyFileSync(`${FIXTURES}good/chain.pem`, `${dir}/chain.pem`);
    const res = await runCli(["check", dir, "--json", ...AT]);
    expect(res.code, res.stdout + res.stderr).toBe(2);
    const doc = JSON.parse(res.stdout);
    expect(doc.summary).toMatchObject({ files: 2, accepted: 1, unreadable: 1 });
    const human = await runCli(["check", dir, ...AT]);
    expect(human.stdout).toMatch(/big\.pem is a Git LFS pointer .*: run `git lfs pull`\./);
    expect(human.stdout).toMatch(/2 files checked: 1 accepted, 0 rejected, 1 unreadable$/m);
  });

  it("names a pointer given by name, and one whose lines end in CRLF; a longer file that starts like one is text", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-lfs-named-`);
    writeFileSync(`${dir}/crlf.pem`, LFS_POINTER.replaceAll("\n", "\r\n"));
    writeFileSync(`${dir}/long.pem`, `${LFS_POINTER}${"# notes\n".repeat(200)}`);
    const named = await runCli(["check", `${dir}/crlf.pem`, "--json", ...AT]);
    expect(named.code).toBe(1);
    expect(JSON.parse(named.stdout).results[0].findings[0]).toMatchObject({
      id: "format.not-pem",
      message: expect.stringMatching(/^This is a Git LFS pointer \(the file itself was never fetched\), not a PEM/),
    });
    const scan = JSON.parse((await runCli(["check", dir, "--json", ...AT])).stdout);
    expect(scan.results.map((r: Result) => r.input)).toEqual([`${dir}/crlf.pem`]);
    expect(scan.summary).toMatchObject({ unreadable: 1, skipped: 1 });
  });
});
