import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIXTURES, ids, runCli } from "../helpers/cli.js";

const AT = ["--at", "2030-01-01"];
const ESC = "\u001b[";

describe("check: human output", () => {
  it("shows the chain as a tree, serials, fingerprints and the verdict", async () => {
    const res = await runCli(["check", "fixtures/good/chain.pem", ...AT]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/#1 leaf {2}payments\.acme\.example/);
    expect(res.stdout).toMatch(/└─ #2 intermediate {2}Demo Issuing CA 1/);
    expect(res.stdout).toMatch(/└─ #3 root {2}Demo Root CA/);
    expect(res.stdout).toMatch(/serial [0-9A-F]+/);
    expect(res.stdout).toMatch(/sha256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    // notAfter is 2098-12-31T23:59:59Z: 25201 days and almost 24 hours is 25201 whole days left (rounded down, as --fail-days compares).
    expect(res.stdout).toMatch(/2098-12-31 \(25201 day\(s\) left\)/);
    expect(res.stdout.trim().split("\n").at(-1)).toBe("ConnectPay's rules: accepted");
    expect(res.stdout).not.toContain(ESC);
  });

  it("lists every finding with a hint and counts them in the verdict", async () => {
    const res = await runCli(["check", "fixtures/chain/reversed.pem", ...AT]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^ {2}error {3}The chain is in reverse order.* \[chain\.reversed\]$/m);
    expect(res.stdout).toMatch(/→ Reorder it: `connectpay-cert fix fixtures\/chain\/reversed\.pem -o fixed\.pem`/);
    expect(res.stdout.trim().split("\n").at(-1)).toBe("ConnectPay's rules: rejected: 1 error");
  });

  it("reports all findings, not only the first", async () => {
    const res = await runCli(["check", "fixtures/chain/no-intermediate.pem", "--json", ...AT]);
    expect(ids(res.stdout)).toEqual(["chain.incomplete", "chain.unrelated"]);
    const incomplete = JSON.parse(res.stdout).results[0].findings[0];
    expect(incomplete.message).toMatch(
      /Missing issuer: CN=Demo Issuing CA 1, O=Demo Trust Services, C=LT, key id ([0-9A-F]{2}:)+/,
    );
  });

  it("colours only on a TTY, and never with NO_COLOR or --no-color", async () => {
    const file = "fixtures/chain/reversed.pem";
    expect((await runCli(["check", file, ...AT], { tty: true })).stdout).toContain(ESC);
    expect((await runCli(["check", file, ...AT], { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    expect((await runCli(["check", file, "--no-color", ...AT], { tty: true })).stdout).not.toContain(ESC);
  });

  it("shows a warning but accepts, and --strict turns warnings into a rejection", async () => {
    const plain = await runCli(["check", "fixtures/chain/duplicate.pem", ...AT]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/ConnectPay's rules: accepted \(1 warning\)/);
    const strict = await runCli(["check", "fixtures/chain/duplicate.pem", "--strict", ...AT]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/rejected: 1 warning under --strict/);
  });
});

describe("check: JSON output", () => {
  it("is one document with the documented fields", async () => {
    const res = await runCli(["check", "fixtures/good/chain.pem", "--json", ...AT]);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, ok: true });
    const [result] = doc.results;
    expect(result).toMatchObject({ input: "fixtures/good/chain.pem", ok: true, path: [0, 1, 2] });
    expect(result.findings.map((f: { id: string; severity: string }) => `${f.severity} ${f.id}`)).toEqual([
      "info root.not-publicly-trusted",
      "info revocation.no-responder",
    ]);
    expect(result.certificates.map((c: { role: string }) => c.role)).toEqual(["leaf", "intermediate", "root"]);
    expect(Object.keys(result.certificates[0])).toEqual(
      expect.arrayContaining([
        "index",
        "role",
        "subject",
        "issuer",
        "serialNumber",
        "notBefore",
        "notAfter",
        "daysRemaining",
        "fingerprintSha256",
        "selfSigned",
        "key",
      ]),
    );
    expect(result.certificates[2].selfSigned).toBe(true);
    expect(result.certificates[0].key).toEqual({ algorithm: "EC", bits: 256, curve: "P-256" });
    expect(result.certificates[0].notAfter).toBe("2098-12-31T23:59:59.000Z");
  });

  it("names the certificate a finding is about", async () => {
    const res = await runCli(["check", "fixtures/leaf/server-auth-only.pem", "--json", ...AT]);
    const [f] = JSON.parse(res.stdout).results[0].findings;
    expect(f).toMatchObject({ id: "leaf.client-auth", severity: "error", certificate: 0 });
    expect(f.message).toMatch(/Certificate 1 \(CN=payments\.acme\.example\)/);
    expect(f.message).toMatch(/2026-06-15/);
  });
});

describe("check: validity edges and thresholds", () => {
  it("counts the second before notAfter as valid and notAfter itself as expired, as OpenSSL does", async () => {
    const before = await runCli(["check", "fixtures/good/chain.pem", "--json", "--at", "2098-12-31T23:59:58Z"]);
    expect(ids(before.stdout)).not.toContain("validity.expired");
    // RFC 5280 §4.1.2.5 would still count this second valid; the gateway's OpenSSL does not.
    const on = await runCli(["check", "fixtures/good/chain.pem", "--json", "--at", "2098-12-31T23:59:59Z"]);
    expect(ids(on.stdout)).toContain("validity.expired");
  });

  it("makes expiring-soon an error within --fail-days", async () => {
    const res = await runCli(["check", "fixtures/good/chain.pem", "--json", "--at", "2098-12-15", "--fail-days", "30"]);
    expect(res.code).toBe(1);
    const found = JSON.parse(res.stdout).results[0].findings;
    expect(found.find((f: { id: string }) => f.id === "validity.expiring-soon")).toMatchObject({ severity: "error" });
  });

  it("honours --warn-days", async () => {
    const res = await runCli(["check", "fixtures/good/chain.pem", "--json", "--at", "2098-12-15", "--warn-days", "10"]);
    expect(ids(res.stdout)).toEqual([]);
  });
});

describe("check: input handling", () => {
  it("reads standard input with -", async () => {
    const stdin = readFileSync(`${FIXTURES}chain/misordered.pem`);
    const res = await runCli(["check", "-", "--json", ...AT], { stdin });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).results[0].input).toBe("<stdin>");
    expect(ids(res.stdout)).toEqual(["chain.misordered"]);
  });

  it("never prints private key material, not even in JSON", async () => {
    const key = readFileSync(`${FIXTURES}format/with-private-key.pem`, "utf8");
    const body = key.split("-----BEGIN PRIVATE KEY-----")[1].split("\n")[1];
    for (const extra of [[], ["--json"]]) {
      const res = await runCli(["check", "fixtures/format/with-private-key.pem", ...extra, ...AT]);
      expect(res.code).toBe(1);
      expect(res.stdout + res.stderr).not.toContain(body.slice(0, 20));
      expect(res.stdout).toMatch(/must never be sent/);
    }
  });

  it("names the format and the conversion command for DER and PKCS#7", async () => {
    const der = await runCli(["check", "fixtures/format/leaf.der", "--json", ...AT]);
    expect(der.stdout).toMatch(/binary DER certificate/);
    expect(der.stdout).toMatch(/openssl x509 -inform der -in fixtures\/format\/leaf\.der/);
    const p7 = await runCli(["check", "fixtures/format/chain.p7b", "--json", ...AT]);
    expect(p7.stdout).toMatch(/PKCS#7/);
    expect(p7.stdout).toMatch(/openssl pkcs7 -inform der/);
  });

  it("calls a text file without certificates text, and random bytes binary", async () => {
    const text = await runCli(["check", "-", "--json", ...AT], { stdin: "these are my notes about the renewal\n" });
    expect(JSON.parse(text.stdout).results[0].findings[0].message).toMatch(
      /^This is text without any PEM certificate block/,
    );
    // A long text with one stray control byte past its first kilobyte is binary, as a folder scan judges it.
    const stray = await runCli(["check", "-", "--json", ...AT], { stdin: `${"notes\n".repeat(300)}\x01\n` });
    expect(JSON.parse(stray.stdout).results[0].findings[0].message).toMatch(/^This is binary data/);
    // With a zero byte or without one (a compressed or encrypted file often has none in its first 512 bytes).
    for (const stdin of [Buffer.from([0x13, 0x00, 0xff, 0x42]), Buffer.from([0x8b, 0x1f, 0xff, 0x42, 0x03, 0xa7])]) {
      const bytes = await runCli(["check", "-", "--json", ...AT], { stdin });
      expect(JSON.parse(bytes.stdout).results[0].findings[0].message).toMatch(
        /^This is binary data that is not a certificate/,
      );
    }
  });

  it("names the block and line of a malformed certificate", async () => {
    const res = await runCli(["check", "fixtures/format/bad-base64.pem", "--json", ...AT]);
    const f = JSON.parse(res.stdout).results[0].findings.find((x: { id: string }) => x.id === "format.malformed");
    expect(f.message).toMatch(/^Block 3 \(line \d+\): invalid base64 at line \d+\.$/);
    const cut = await runCli(["check", "fixtures/format/truncated.pem", "--json", ...AT]);
    expect(cut.stdout).toMatch(/no matching END line; the file looks cut off/);
  });
});

describe("check: usage errors exit 2 with a clear message", () => {
  it.each([
    [["check", "fixtures/good/chain.pem", "--at", "yesterday"], /--at: "yesterday" is not an ISO 8601 date/],
    [["check", "fixtures/good/chain.pem", "--warn-days", "-3"], /--warn-days: "-3" is not a whole number/],
    [["check", "fixtures/good/chain.pem", "--scope", "all"], /--scope: "all" is not one of chain, leaf/],
    [["check", "fixtures/good/chain.pem", "--key", "fixtures/good/chain.pem"], /holds no readable PEM private key/],
    [["check", "fixtures/good/chain.pem", "--bogus"], /unknown option '--bogus'/],
    [["chek", "fixtures/good/chain.pem"], /Did you mean check\?/],
    [["check"], /missing required argument 'inputs'/],
    [
      ["check", "fixtures/good/chain.pem", "--format", "xml"],
      /--format: "xml" is not one of human, json, github, junit, prometheus/,
    ],
    [["check", "fixtures/good/chain.pem", "--json", "--format", "junit"], /--json and --format junit contradict/],
    [["check", "fixtures/no-such-dir/*.pem"], /nothing to check: fixtures\/no-such-dir\/\*\.pem matched no file/],
    // `check "$CERT"` with CERT unset: never a walk of the whole working folder.
    [["check", "", ...AT], /an input is an empty name \(an unset variable\?\)/],
    [["check", "fixtures/good/chain.pem", "", "--json", ...AT], /an input is an empty name/],
    [["check", "", "--format", "prometheus", ...AT], /an input is an empty name/],
  ])("%j", async (argv, message) => {
    const res = await runCli(argv);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    // With --json, stdout is one document saying what stopped the run (so `| jq` never reads nothing).
    if (argv.includes("--json"))
      expect(JSON.parse(res.stdout).error).toEqual({ exitCode: 2, message: expect.any(String) });
    else expect(res.stdout).toBe("");
  });

  it("with --json, a glob that matched nothing is still one document: its input.unreadable result", async () => {
    const res = await runCli(["check", "fixtures/no-such-dir/*.pem", "--json"]);
    expect(res.code).toBe(2);
    const doc = JSON.parse(res.stdout);
    expect(doc.summary).toEqual({ files: 1, accepted: 0, rejected: 0, unreadable: 1 });
    expect(doc.results[0].findings[0].id).toBe("input.unreadable");
  });

  it.each([
    [["check", "fixtures/good/chain.pem", "--bogus", "--json"], /^unknown option '--bogus'/],
    [
      ["check", "fixtures/good/chain.pem", "--format", "json", "--warn-days", "x"],
      /^--warn-days: "x" is not a whole number/,
    ],
    [["inspect", "fixtures/nope.pem", "--json"], /nope\.pem/],
    [["explain", "chain.nope", "--json"], /^explain: "chain\.nope" is not a finding id/],
  ])("with --json, exit 2 still prints one JSON document: %j", async (argv, message) => {
    const res = await runCli(argv);
    expect(res.code).toBe(2);
    const doc = JSON.parse(res.stdout);
    expect(doc).toEqual({
      schemaVersion: 1,
      ok: false,
      error: { exitCode: 2, message: expect.stringMatching(message) },
    });
  });

  it("reports a missing file on stderr and in the report, and exits 2", async () => {
    const res = await runCli(["check", "fixtures/nope.pem", "--json"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe("connectpay-cert: check: cannot read fixtures/nope.pem: no such file.\n");
    const [result] = JSON.parse(res.stdout).results;
    expect(result).toMatchObject({
      input: "fixtures/nope.pem",
      ok: false,
      error: "cannot read fixtures/nope.pem: no such file.",
    });
    expect(result.findings[0].id).toBe("input.unreadable");
  });

  it("with no arguments prints the help and exits 2", async () => {
    const res = await runCli([]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Usage: connectpay-cert/);
  });

  it("asks for an encrypted --key's passphrase instead of failing obscurely", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" });
    const file = `${mkdtempSync(`${tmpdir()}/cpc-`)}/enc.key`;
    writeFileSync(file, pem);
    const res = await runCli(["check", "fixtures/good/chain.pem", "--key", file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/is encrypted: give its passphrase with --password-env VAR or --password-file FILE/);
  });
});
