import "reflect-metadata";
import { generateKeyPairSync, webcrypto } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// A run remembers the CA certificates it read (512 of each kind at most, core/x509/memo.ts) and the CA links it
// verified, which "cost nothing" in the next input's signature budget (docs/limits.md). What a run remembers
// when an input is read must not depend on the second thread's read-ahead: a PKCS#7 file a walk finds is
// unpacked at its turn and its CAs remembered then, so the bundles read ahead of that turn must read the run's
// memory as one thread would. Here a bundle's budget is spent but for the 2 units of its root's self-signature,
// which a run that still remembers that root (read by an earlier file) does not spend again.

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const EC = { name: "ECDSA", namedCurve: "P-256" };
const EC_SIGN = { name: "ECDSA", hash: "SHA-256" };
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const AT = ["--at", "2030-01-01"];
const ONE_THREAD = { CONNECTPAY_CERT_THREADS: "1" };
const TWO_THREADS = { CONNECTPAY_CERT_THREADS: "2" };
let serial = 1;
let cwd: string;

async function rsaKeys(modulusLength: number): Promise<CryptoKeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength });
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  return {
    privateKey: await webcrypto.subtle.importKey("pkcs8", pkcs8, RSA, true, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", spki, RSA, true, ["verify"]),
  };
}

async function cert(subject: string, issuer: string, keys: CryptoKeyPair, signer: CryptoKeyPair, ca: boolean) {
  return x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, "0"),
    subject,
    issuer,
    notBefore: new Date("2024-01-01"),
    notAfter: new Date("2099-01-01"),
    publicKey: keys.publicKey,
    signingKey: signer.privateKey,
    signingAlgorithm: signer.privateKey.algorithm.name === "ECDSA" ? EC_SIGN : RSA,
    extensions: [new x509.BasicConstraintsExtension(ca, undefined, true)],
  });
}

const pem = (c: x509.X509Certificate) => `${c.toString("pem")}\n`;

/**
 * The root alone; then a bundle of that root and costly same-name issuers that spends 16,383 or 16,385 units of
 * the 16,384 its input may (calibrated: its root's self-signature costs 2).
 */
async function nearTheBudget(ec: CryptoKeyPair) {
  const root = pem(await cert("CN=Shared Root", "CN=Shared Root", ec, ec, true));
  // 16 CAs of one name and one RSA-3072 key (3 units a check), 341 leaves each checked against all 16
  const f = await rsaKeys(3072);
  const costly: string[] = [];
  for (let i = 0; i < 16; i++) costly.push(pem(await cert("CN=F", "CN=Nobody", f, ec, true)));
  for (let i = 0; i < 341; i++) costly.push(pem(await cert(`CN=leaf ${i}`, "CN=F", ec, f, false)));
  // and the last few units: RSA-2048 checks, 1 unit each
  const g = await rsaKeys(2048);
  costly.push(pem(await cert("CN=G", "CN=Nobody", g, ec, true)));
  for (let i = 0; i < 15; i++) costly.push(pem(await cert(`CN=small ${i}`, "CN=G", ec, g, false)));
  return { root, bundle: root + costly.join("") };
}

/** A PKCS#7 file of `n` distinct CA certificates: unpacked, remembered and judged at its turn. */
async function pkcs7OfCas(ec: CryptoKeyPair, n: number): Promise<Buffer> {
  const certs: x509.X509Certificate[] = [];
  for (let i = 0; i < n; i++) certs.push(await cert(`CN=Packed CA ${serial}`, `CN=Packed CA ${serial}`, ec, ec, true));
  return Buffer.from(new x509.X509Certificates(certs).export("raw"));
}

beforeAll(async () => {
  const ec = (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const { root, bundle } = await nearTheBudget(ec);
  cwd = mkdtempSync(join(tmpdir(), "cpc-thread-memory-"));
  const dir = join(cwd, "certs");
  mkdirSync(dir);
  writeFileSync(join(dir, "a-root.pem"), root);
  // 600 CAs unpacked between the root's file and the bundle: the run's memory of CAs is full and starts again
  for (const n of [1, 2, 3]) writeFileSync(join(dir, `b-${n}.p7b`), await pkcs7OfCas(ec, 200));
  writeFileSync(join(dir, "c-bundle.pem"), bundle);
  // enough files for the thread to start and answer (CONNECTPAY_CERT_THREADS=2 starts it at any count)
  for (let i = 0; i < 260; i++) copyFileSync(`${FIXTURES}good/chain.pem`, join(dir, `z-${i}.pem`));
}, 120_000);

describe("check of a folder read ahead, with CAs unpacked at their turn", () => {
  it("spends a bundle's signature budget as one thread does", async () => {
    const args = ["check", "certs", "--json", ...AT];
    const [two, one] = [await runCli(args, { cwd, env: TWO_THREADS }), await runCli(args, { cwd, env: ONE_THREAD })];
    const limited = (stdout: string) =>
      JSON.parse(stdout)
        .results.filter((r: { findings: { id: string }[] }) => r.findings.some((f) => f.id === "format.limit-exceeded"))
        .map((r: { input: string }) => r.input);
    // one thread: the root was forgotten (the memory started again), so the bundle pays for it and runs out
    expect(limited(one.stdout)).toEqual(["certs/c-bundle.pem"]);
    expect(limited(two.stdout)).toEqual(limited(one.stdout));
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
  }, 60_000);
});
