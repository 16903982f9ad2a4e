import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const tmp = () => mkdtempSync(`${tmpdir()}/cpc-csr-`);

/** The independent judge: OpenSSL verifies the request's self-signature and prints what it asks for. */
async function opensslReq(csr: string) {
  const res = await execa("openssl", ["req", "-in", csr, "-verify", "-noout", "-text"], { reject: false });
  return { ok: res.exitCode === 0, text: `${res.stdout}\n${res.stderr}` };
}

describe("csr", () => {
  it("writes a 0600 key and a clientAuth request that openssl verifies", async () => {
    const base = `${tmp()}/acme`;
    const res = await runCli(
      ["csr", "--cn", "payments.acme.example", "--org", "Acme, UAB", "--country", "LT", "-o", base].concat([
        "--san",
        "payments.acme.example",
        "--san",
        "10.0.0.1",
      ]),
    );
    expect(res.code).toBe(0);
    expect(statSync(`${base}.key`).mode & 0o777).toBe(0o600);
    const req = await opensslReq(`${base}.csr`);
    expect(req.ok).toBe(true);
    expect(req.text).toMatch(/self-signature verify OK/);
    expect(req.text).toMatch(/Subject: C = LT, O = "Acme, UAB", CN = payments\.acme\.example/);
    expect(req.text).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature\n/);
    expect(req.text).toMatch(/X509v3 Extended Key Usage: \n\s+TLS Web Client Authentication\n/);
    expect(req.text).toMatch(/DNS:payments\.acme\.example, IP Address:10\.0\.0\.1/);
    expect(req.text).toMatch(/id-ecPublicKey[\s\S]*NIST CURVE: P-256/);
    // The key belongs to the request: openssl derives the same public key from both.
    const fromKey = await execa("openssl", ["pkey", "-in", `${base}.key`, "-pubout"]);
    const fromCsr = await execa("openssl", ["req", "-in", `${base}.csr`, "-noout", "-pubkey"]);
    expect(fromKey.stdout).toBe(fromCsr.stdout);
  });

  it("never prints the key, and says what to ask the CA for, what to avoid and what to run next", async () => {
    const base = `${tmp()}/acme`;
    const res = await runCli(["csr", "--cn", "payments.acme.example", "-o", base]);
    const keyBody = readFileSync(`${base}.key`, "utf8").split("\n")[1];
    expect(res.stdout + res.stderr).not.toContain(keyBody);
    expect(res.stdout).not.toMatch(/BEGIN/);
    expect(res.stdout).toMatch(/clientAuth/);
    expect(res.stdout).toMatch(/Let's Encrypt and Cloudflare certificates: ConnectPay does not accept them/);
    expect(res.stdout).toContain("connectpay-cert fix <what-the-ca-sent> -o chain.pem");
    expect(res.stdout).toContain(`connectpay-cert check chain.pem --key ${base}.key`);
  });

  it.each([
    ["rsa-3072", /Public-Key: \(3072 bit\)/],
    ["rsa-2048", /Public-Key: \(2048 bit\)/],
  ])("makes %s keys", async (type, bits) => {
    const base = `${tmp()}/acme`;
    expect((await runCli(["csr", "--cn", "x.example", "--key-type", type, "-o", base])).code).toBe(0);
    const req = await opensslReq(`${base}.csr`);
    expect(req.ok).toBe(true);
    expect(req.text).toMatch(bits);
    expect(req.text).toMatch(/sha256WithRSAEncryption/);
  });

  it("refuses to overwrite an existing key or request, and leaves them untouched", async () => {
    const base = `${tmp()}/acme`;
    writeFileSync(`${base}.key`, "precious");
    const res = await runCli(["csr", "--cn", "x.example", "-o", base]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/acme\.key exists; refusing to overwrite it/);
    expect(readFileSync(`${base}.key`, "utf8")).toBe("precious");
    const other = `${tmp()}/b`;
    writeFileSync(`${other}.csr`, "old request");
    expect((await runCli(["csr", "--cn", "x.example", "-o", other])).code).toBe(2);
    expect(() => statSync(`${other}.key`)).toThrow();
  });

  it.each([
    [["-o", "x"], /needs --cn/],
    [["--cn", "x"], /needs -o <base>/],
    [["--cn", "x", "--country", "Lithuania", "-o", "x"], /--country: "Lithuania" is not a two-letter/],
    [["--cn", "x", "--key-type", "rsa-1024", "-o", "x"], /--key-type: "rsa-1024" is not one of ec-p256, rsa-3072/],
    [["--cn", "x", "--san", "a b", "-o", "x"], /--san: "a b"/],
  ])("refuses bad input %j with exit 2", async (args, message) => {
    const res = await runCli(["csr", ...args]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
