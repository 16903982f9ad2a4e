import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";
import { KEYTOOL_JVM } from "../helpers/keytool.js";

// `fix -o NAME` writes what NAME says it holds. openssl and Java's keytool are the judges of what was written.
const dir = () => mkdtempSync(`${tmpdir()}/cpc-fixout-`);
const CHAIN = `${FIXTURES}good/chain.pem`;
const KEY = `${FIXTURES}good/leaf.key`;
const AT = ["--at", "2030-01-01"];
const PASS = "p12 pässword";
const pemCerts = (text: string) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

describe("fix -o NAME.p12", () => {
  it("writes a modern PKCS#12 (AES-256-CBC, PBKDF2-SHA256, SHA-256 MAC) with the chain and the key, mode 0600", async () => {
    const out = `${dir()}/client.p12`;
    const res = await runCli(["fix", CHAIN, "--key", KEY, "--password-env", "P", "-o", out, ...AT], {
      env: { P: PASS },
    });
    expect(res.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const pass = ["-passin", `pass:${PASS}`];
    const info = await execa("openssl", ["pkcs12", "-in", out, "-info", "-noout", ...pass], { all: true });
    expect(info.all).toMatch(/MAC: sha256/);
    expect(info.all).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
    expect(info.all).not.toMatch(/RC2|3DES|sha1/i);
    const certs = await execa("openssl", ["pkcs12", "-in", out, "-nokeys", ...pass]);
    expect(pemCerts(certs.stdout)).toEqual(pemCerts(readFileSync(CHAIN, "utf8")));
    // The key inside is the leaf's: openssl derives the same public key from it and from the original.
    const key = await execa("openssl", ["pkcs12", "-in", out, "-nocerts", "-nodes", ...pass]);
    const inside = await execa("openssl", ["pkey", "-pubout"], { input: key.stdout });
    const original = await execa("openssl", ["pkey", "-in", KEY, "-pubout"]);
    expect(inside.stdout).toBe(original.stdout);
    expect(res.stdout + res.stderr).not.toContain(PASS);
  });

  it("keytool lists it as one PrivateKeyEntry with the whole chain, and fix reads it back", async () => {
    // ASCII: keytool reads a non-ASCII -storepass differently from OpenSSL, for OpenSSL's own files too.
    const ascii = "changeit-42";
    const out = `${dir()}/client.pfx`;
    await runCli(["fix", CHAIN, "--key", KEY, "--password-env", "P", "-o", out, ...AT], { env: { P: ascii } });
    const list = await execa("keytool", [...KEYTOOL_JVM, "-list", "-v", "-keystore", out, "-storepass", ascii]);
    expect(list.stdout).toMatch(/Your keystore contains 1 entry/);
    expect(list.stdout).toMatch(/Entry type: PrivateKeyEntry/);
    expect(list.stdout).toMatch(/Certificate chain length: 3/);
    expect(list.stdout).toMatch(/Alias name: payments\.acme\.example/);
    const back = await runCli(["fix", out, "--password-env", "P", ...AT], { env: { P: ascii } });
    expect(back.code).toBe(0);
    expect(pemCerts(back.stdout)).toEqual(pemCerts(readFileSync(CHAIN, "utf8")));
  });

  it("needs --key and a password; a key that is not the leaf's writes nothing", async () => {
    const d = dir();
    const noKey = await runCli(["fix", CHAIN, "-o", `${d}/a.p12`, ...AT]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/a \.p12 holds the private key with the chain: give it with --key/);
    const empty = await runCli(["fix", CHAIN, "--key", KEY, "--password-env", "P", "-o", `${d}/b.p12`, ...AT], {
      env: { P: "" },
    });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/needs a password that is not empty/);
    const other = `${FIXTURES}good/other.key`;
    const wrong = await runCli(["fix", CHAIN, "--key", other, "--password-env", "P", "-o", `${d}/c.p12`, ...AT], {
      env: { P: PASS },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/\[key\.mismatch\]/);
    expect(() => statSync(`${d}/c.p12`)).toThrow();
  });
});

describe("fix -o with other names", () => {
  it("NAME.p7b is a PKCS#7 bundle openssl reads, in chain order", async () => {
    const out = `${dir()}/chain.p7b`;
    expect((await runCli(["fix", CHAIN, "-o", out, ...AT])).code).toBe(0);
    const printed = await execa("openssl", ["pkcs7", "-inform", "DER", "-in", out, "-print_certs"]);
    expect(pemCerts(printed.stdout)).toEqual(pemCerts(readFileSync(CHAIN, "utf8")));
  });

  it("NAME.der cannot hold a chain: exit 2 with the names that can, nothing written", async () => {
    const out = `${dir()}/chain.der`;
    const res = await runCli(["fix", CHAIN, "-o", out, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/a DER file holds one certificate and this chain has 3/);
    expect(() => statSync(out)).toThrow();
  });

  it.each(["x.jks", "x.key", "x.zip", "x.json"])("%s is refused before anything is read", async (name) => {
    const out = `${dir()}/${name}`;
    const res = await runCli(["fix", "no-such-input.pem", "-o", out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/would not hold what its name says/);
  });

  it("NAME.crt and a name without extension stay PEM, byte for byte", async () => {
    const d = dir();
    for (const name of ["chain.crt", "chain"]) {
      expect((await runCli(["fix", CHAIN, "-o", `${d}/${name}`, ...AT])).code).toBe(0);
      expect(readFileSync(`${d}/${name}`, "utf8")).toBe(readFileSync(CHAIN, "utf8"));
    }
    writeFileSync(`${d}/unused`, "");
  });
});
