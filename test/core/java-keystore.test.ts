import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DecodeError, PasswordError } from "../../src/core/input/decode-errors.js";
import { keystoreCertificates, readKeystore } from "../../src/core/input/java-keystore.js";
import { parseCertificate } from "../../src/core/x509/certificate.js";
import { FIXTURES } from "../helpers/cli.js";

// Keystores built byte by byte (the layout of OpenJDK's JavaKeyStore.engineStore), to reach the bounds
// keytool never writes: a lying entry count, a certificate length past the end, a wrong password.
const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const utf = (s: string) => Buffer.concat([Buffer.from([0, Buffer.byteLength(s)]), Buffer.from(s)]);

function sealed(body: Buffer, password: string): Buffer {
  const pw = Buffer.from(password, "utf16le").swap16();
  const digest = createHash("sha1").update(pw).update("Mighty Aphrodite").update(body).digest();
  return Buffer.concat([body, digest]);
}

const der = [
  ...readFileSync(`${FIXTURES}good/chain.pem`, "utf8").matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END/g),
].map((m) => Buffer.from(m[1], "base64"));
const trusted = (alias: string, cert: Buffer) =>
  Buffer.concat([u32(2), utf(alias), Buffer.alloc(8), utf("X.509"), u32(cert.length), cert]);
const keyEntry = (alias: string, chain: Buffer[]) =>
  Buffer.concat([
    u32(1),
    utf(alias),
    Buffer.alloc(8),
    u32(6),
    Buffer.from("sealed"),
    u32(chain.length),
    ...chain.flatMap((c) => [utf("X.509"), u32(c.length), c]),
  ]);
const store = (entries: Buffer[], count = entries.length) =>
  Buffer.concat([u32(0xfeedfeed), u32(2), u32(count), ...entries]);

describe("readKeystore (src/core/input/java-keystore.ts)", () => {
  it("reads trusted certificates and key entries' chains, never the key", () => {
    const ks = readKeystore(sealed(store([trusted("root", der[2]), keyEntry("client", der)]), "pw"), "pw");
    expect(ks.entries.map((e) => [e.alias, e.kind, e.certs.length])).toEqual([
      ["root", "trusted-certificate", 1],
      ["client", "private-key", 3],
    ]);
    for (const e of ks.entries) expect(Object.keys(e)).toEqual(["alias", "kind", "certs"]);
    const { certs, keys } = keystoreCertificates(ks);
    expect(keys).toBe(1);
    expect(certs.map((c) => c.fingerprintSha256)).toEqual(der.map((d) => parseCertificate(d).fingerprintSha256));
  });

  it("checks the integrity digest with the password", () => {
    const bytes = sealed(store([trusted("root", der[2])]), "right");
    expect(() => readKeystore(bytes, "wrong")).toThrow(PasswordError);
    bytes[20] ^= 1;
    expect(() => readKeystore(bytes, "right")).toThrow(PasswordError);
  });

  it("stops at a lying count or length with a DecodeError, never reading past the end", () => {
    expect(() => readKeystore(sealed(store([trusted("root", der[2])], 2), "pw"), "pw")).toThrow(/cut off at byte/);
    expect(() => readKeystore(sealed(store([], 1_000_000), "pw"), "pw")).toThrow(/claims 1000000 entries/);
    const long = Buffer.concat([u32(2), utf("x"), Buffer.alloc(8), utf("X.509"), u32(0x7fffffff), der[0]]);
    expect(() => readKeystore(sealed(store([long]), "pw"), "pw")).toThrow(DecodeError);
    const deep = Buffer.concat([u32(1), utf("k"), Buffer.alloc(8), u32(0), u32(100_000)]);
    expect(() => readKeystore(sealed(store([deep]), "pw"), "pw")).toThrow(/claims 100000 certificates/);
  });
});
