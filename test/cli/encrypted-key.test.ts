import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// Keys encrypted by openssl itself, the way users make them: PKCS#8 with PBKDF2 or scrypt, and the
// traditional "Proc-Type: 4,ENCRYPTED" form. The leaf key of fixtures/good/chain.pem is fixtures/good/leaf.key.
const PASS = "corr3ct horse";
const dir = mkdtempSync(`${tmpdir()}/cpc-enckey-`);
const keys: Record<string, string> = {};

async function encrypt(name: string, args: string[], input = "fixtures/good/leaf.key") {
  const out = `${dir}/${name}.key`;
  await execa("openssl", [...args, "-in", input, "-out", out, "-passout", `pass:${PASS}`]);
  keys[name] = out;
}

beforeAll(async () => {
  await encrypt("pbkdf2", ["pkcs8", "-topk8", "-v2", "aes-256-cbc"]);
  await encrypt("scrypt", ["pkcs8", "-topk8", "-scrypt"]);
  await encrypt("traditional", ["ec", "-aes256"]);
  await encrypt("other", ["pkcs8", "-topk8", "-v2", "aes-256-cbc"], "fixtures/good/other.key");
  // 65,535 rounds written by openssl, then the INTEGER patched in place to 8,388,607: the same length, so
  // the file stays well-formed and only its cost changes.
  await encrypt("costly", ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-iter", "65535"]);
  const der = Buffer.from(
    readFileSync(keys.costly, "utf8")
      .replace(/-----[A-Z ]+-----/g, "")
      .replace(/\s/g, ""),
    "base64",
  );
  const at = der.indexOf(Buffer.from([0x02, 0x03, 0x00, 0xff, 0xff]));
  expect(at).toBeGreaterThan(0);
  der.set([0x7f, 0xff, 0xff], at + 2);
  // 64-character lines and no blank line before END: a file OpenSSL itself would decrypt, at that cost.
  const body = (der.toString("base64").match(/.{1,64}/g) ?? []).join("\n");
  writeFileSync(keys.costly, `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----\n`);
  // The review's decoys: a block OpenSSL skips (an unknown label, or indented) before the costly one.
  const costly = readFileSync(keys.costly, "utf8");
  keys.decoyLabel = `${dir}/decoy-label.key`;
  writeFileSync(
    keys.decoyLabel,
    `-----BEGIN FOO PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END FOO PRIVATE KEY-----\n${costly}`,
  );
  keys.decoyIndent = `${dir}/decoy-indent.key`;
  const cheap = readFileSync(keys.pbkdf2, "utf8").replace(/^/gm, " ");
  writeFileSync(keys.decoyIndent, `${cheap}\n${costly}`);
});

const check = (key: string, env: Record<string, string> = { KEYPASS: PASS }, extra: string[] = []) =>
  runCli(["check", "fixtures/good/chain.pem", "--key", key, "--json", "--at", "2030-01-01", ...extra], { env });
const ids = (stdout: string) => JSON.parse(stdout).results[0].findings.map((f: { id: string }) => f.id);

describe("encrypted --key", () => {
  it.each(["pbkdf2", "scrypt", "traditional"])("check reads a %s key with --password-env", async (name) => {
    const res = await check(keys[name], { KEYPASS: PASS }, ["--password-env", "KEYPASS"]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(ids(res.stdout)).not.toContain("key.mismatch");
  });

  it("--password-file works too, and another key is still key.mismatch", async () => {
    const file = `${dir}/pass.txt`;
    writeFileSync(file, `${PASS}\n`, { mode: 0o600 });
    expect((await check(keys.pbkdf2, {}, ["--password-file", file])).code).toBe(0);
    const other = await check(keys.other, {}, ["--password-file", file]);
    expect(other.code).toBe(1);
    expect(ids(other.stdout)).toContain("key.mismatch");
  });

  it("without a passphrase source (no terminal): exit 2 naming the options", async () => {
    const res = await check(keys.pbkdf2, {});
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/is encrypted: give its passphrase with --password-env VAR or --password-file FILE/);
  });

  it("a wrong passphrase is exit 2, and no passphrase is ever printed", async () => {
    const res = await check(keys.traditional, { KEYPASS: "wrong" }, ["--password-env", "KEYPASS"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/the passphrase does not decrypt/);
    const ok = await check(keys.traditional, { KEYPASS: PASS }, ["--password-env", "KEYPASS"]);
    expect(res.stdout + res.stderr + ok.stdout + ok.stderr).not.toContain("horse");
  });

  it("a key asking for millions of derivation rounds is refused before any passphrase is tried", async () => {
    const res = await check(keys.costly, {});
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/asks for 8388607 key-derivation rounds, more than the 2000000 allowed/);
    expect(res.stderr).toMatch(/openssl pkcs8 -topk8 -v2 aes-256-cbc/);
  });
});

describe("the derivation bound cannot be sidestepped by another block (found in review)", () => {
  it.each(["decoyLabel", "decoyIndent"])("%s: refused at once, the costly block is never decrypted", async (name) => {
    const res = await check(keys[name], { KEYPASS: PASS }, ["--password-env", "KEYPASS"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/private key blocks, not the leaf's alone|not a whole private key/);
  });

  it("a plain key with one block reaches OpenSSL as that block only", async () => {
    const file = `${dir}/plain-with-text.key`;
    writeFileSync(file, `notes above the key\n${readFileSync("fixtures/good/leaf.key", "utf8")}\nmore notes\n`);
    expect((await check(file)).code).toBe(0);
  });
});

describe("csr --key (same-key renewal)", () => {
  it("makes the request for the existing encrypted key, writes only the .csr, and says the key is reused", async () => {
    const base = `${dir}/renew`;
    const before = readFileSync(keys.pbkdf2);
    const res = await runCli(
      ["csr", "--cn", "payments.acme.example", "--key", keys.pbkdf2, "--password-env", "KEYPASS", "-o", base],
      { env: { KEYPASS: PASS } },
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/the key is reused, not copied or changed/);
    expect(res.stdout).toMatch(/Key: EC P-256 \(reused\)/);
    expect(readFileSync(keys.pbkdf2)).toEqual(before);
    const req = await execa("openssl", ["req", "-in", `${base}.csr`, "-verify", "-noout", "-pubkey"], { all: true });
    expect(req.all).toMatch(/verify OK/);
    // openssl derives the same public key from the original key and from the request.
    const fromKey = await execa("openssl", ["pkey", "-in", "fixtures/good/leaf.key", "-pubout"]);
    expect(req.stdout).toContain(fromKey.stdout);
  });

  it("an RSA key too small for a CA is refused, and -o never lands on the key", async () => {
    const rsa1024 = `${dir}/rsa-1024.key`;
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    writeFileSync(rsa1024, privateKey.export({ type: "pkcs8", format: "pem" }));
    const small = await runCli(["csr", "--cn", "x.example", "--key", rsa1024, "-o", `${dir}/s`]);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/a 1024-bit RSA key; CAs issue client certificates for/);
    const same = await runCli(["csr", "--cn", "x.example", "--key", `${dir}/k.csr`, "-o", `${dir}/k`]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is the --key file itself/);
  });

  it("--key-type contradicts --key", async () => {
    const res = await runCli(["csr", "--cn", "x", "--key", keys.pbkdf2, "--key-type", "rsa-3072", "-o", `${dir}/c`]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--key-type and --key contradict/);
  });
});
