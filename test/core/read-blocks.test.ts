import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeAny } from "../../src/core/input/decode-any.js";
import { DecodeError } from "../../src/core/input/decode-errors.js";
import { type BlockItem, readBlocks } from "../../src/core/input/read-blocks.js";
import { readBundle } from "../../src/core/input/read-bundle.js";
import { LIMITS } from "../../src/core/limits.js";
import { CertCache } from "../../src/core/x509/cert-cache.js";
import { FIXTURES } from "../helpers/cli.js";

const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`);
const chain = fixture("good/chain.pem").toString("latin1");
const kinds = (items: BlockItem[]) => items.map((i) => i.kind);
const noPassword = async () => "";
const firstCertWith = (from: string, to: string) => Buffer.from(chain.replace(from, to));

// One test per difference listed at ReadMode in src/core/input/read-blocks.ts.
describe("strict and lenient modes differ only where read-blocks.ts says so", () => {
  it.each([
    ["format/leaf.der", "der-certificate", "certificate"],
    ["format/chain.p7b", "pkcs7", "pkcs7"],
    ["format/leaf-and-key.p12", "pkcs12", "pkcs12"],
  ])("binary %s: strict stops as not-pem, lenient unpacks it", (file, format, kind) => {
    const strict = readBlocks(fixture(file), { mode: "strict" });
    expect(strict.stop).toEqual({ kind: "not-pem", format });
    expect(strict.items).toEqual([]);
    const lenient = readBlocks(fixture(file), { mode: "lenient" });
    expect(lenient.stop).toBeUndefined();
    expect(lenient.source).toBe(format);
    expect(kinds(lenient.items)).toEqual([kind]);
  });

  it("PKCS#7 inside PEM: strict says format.not-pem, lenient reads its certificates", async () => {
    const bytes = fixture("format/chain-p7b.pem");
    expect(readBlocks(bytes, { mode: "strict" }).items).toEqual([
      { kind: "pkcs7", at: { block: 1, line: 1, label: "PKCS7" } },
    ]);
    const strict = readBundle(bytes, "chain-p7b.pem");
    expect(strict.findings.map((f) => f.id)).toEqual(["format.not-pem"]);
    expect(strict.findings[0].message).toMatch(/a PKCS#7 bundle \(\.p7b\) in PEM/);
    const lenient = await decodeAny(bytes, noPassword);
    expect(lenient.format).toBe("PKCS#7 (PEM)");
    expect(lenient.certs.map((c) => c.subjectCN)).toEqual(["payments.acme.example", "Demo Issuing CA 1"]);
  });

  it("a CERTIFICATE block with header lines: strict malformed, lenient reads the base64", async () => {
    const bytes = firstCertWith("-----BEGIN CERTIFICATE-----\n", "-----BEGIN CERTIFICATE-----\nComment: from the CA\n");
    const strict = readBundle(bytes, "headers.pem");
    expect(strict.findings.map((f) => f.id)).toContain("format.malformed");
    expect(strict.findings.find((f) => f.id === "format.malformed")?.message).toMatch(/header lines/);
    expect(strict.entries).toHaveLength(2);
    const lenient = await decodeAny(bytes, noPassword);
    expect(lenient.certs).toHaveLength(3);
    expect(lenient.unreadable).toEqual([]);
  });

  it("a CERTIFICATE block closed by another END label: strict malformed, lenient reads it", async () => {
    const bytes = firstCertWith("-----END CERTIFICATE-----", "-----END X509 CRL-----");
    const strict = readBundle(bytes, "end.pem");
    expect(strict.findings.find((f) => f.id === "format.malformed")?.message).toBe(
      "Block 1 (line 1): BEGIN CERTIFICATE is closed by END X509 CRL.",
    );
    expect(strict.entries).toHaveLength(2);
    expect((await decodeAny(bytes, noPassword)).certs).toHaveLength(3);
  });
});

describe("what both modes share", () => {
  it.each([
    ["bytes", Buffer.alloc(LIMITS.maxInputBytes + 1, "A"), { limit: "maxInputBytes", bytes: LIMITS.maxInputBytes + 1 }],
    [
      "line length",
      Buffer.from(`${"x".repeat(LIMITS.maxLineLength + 1)}\n${chain}`),
      { limit: "maxLineLength", line: 1 },
    ],
    ["blocks", Buffer.from(chain.repeat(Math.ceil((LIMITS.maxBlocks + 1) / 3))), { limit: "maxBlocks" }],
  ])("stops at the %s limit in either mode", async (_, bytes, hit) => {
    for (const mode of ["strict", "lenient"] as const)
      expect(readBlocks(bytes, { mode }).stop).toEqual({ kind: "limit", hit });
    await expect(decodeAny(bytes, noPassword)).rejects.toBeInstanceOf(DecodeError);
  });

  it("classifies keys, other blocks, cut-off certificates and text the same way", () => {
    const parts = [
      "note",
      fixture("format/with-private-key.pem"),
      fixture("format/with-csr.pem"),
      "-----BEGIN CERTIFICATE-----\nMIIB",
    ];
    const text = parts.join("\n");
    const strict = readBlocks(Buffer.from(text), { mode: "strict" });
    const lenient = readBlocks(Buffer.from(text), { mode: "lenient" });
    expect(lenient).toEqual(strict);
    expect(new Set(kinds(strict.items))).toEqual(new Set(["certificate", "private-key", "other", "malformed"]));
    expect(strict.extraLines[0]).toBe(1);
  });
});

describe("lenient reading: inputs that used to crash or be lost", () => {
  it("a DER certificate with trailing bytes is a DecodeError, not an internal error", async () => {
    const bytes = Buffer.concat([fixture("format/leaf.der"), Buffer.from([0, 0])]);
    await expect(decodeAny(bytes, noPassword)).rejects.toThrow(
      new DecodeError(
        "the input looks like a DER certificate, but it is not an X.509 certificate (not a single DER SEQUENCE)",
      ),
    );
  });

  it("an unreadable PKCS#7 block no longer hides the certificates next to it", async () => {
    const bytes = Buffer.from(`${chain}-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n`);
    const decoded = await decodeAny(bytes, noPassword);
    expect(decoded.certs).toHaveLength(3);
    expect(decoded.otherBlocks).toEqual(["PKCS7"]);
    expect(decoded.format).toBe("PEM");
  });

  it("a .p7b file that is not PKCS#7 inside is still a DecodeError: it is the whole input", async () => {
    const cut = fixture("format/chain.p7b").subarray(0, 100);
    await expect(decodeAny(cut, noPassword)).rejects.toBeInstanceOf(DecodeError);
  });
});

describe("a run's certificate blocks read by their text", () => {
  const certs = (bytes: Buffer, cache: CertCache) => readBundle(bytes, "chain.pem", cache).entries.map((e) => e.cert);

  it("reads a CA block seen before as the same certificate, a leaf afresh, and another run's blocks afresh", () => {
    const cache = new CertCache();
    const [leaf, ...cas] = certs(Buffer.from(chain), cache);
    const [leafAgain, ...casAgain] = certs(Buffer.from(chain), cache);
    expect(casAgain).toHaveLength(2);
    for (const [i, ca] of casAgain.entries()) expect(ca).toBe(cas[i]);
    expect(leafAgain).not.toBe(leaf);
    expect(leafAgain).toEqual(leaf);
    expect(certs(Buffer.from(chain), new CertCache())[1]).not.toBe(cas[0]);
  });

  it("still finds broken base64 in a block whose other lines match one read before", () => {
    const cache = new CertCache();
    certs(Buffer.from(chain), cache);
    const lines = chain.split("\n");
    const inCa = lines.findIndex(
      (l, i) => i > lines.indexOf("-----END CERTIFICATE-----") && /^[A-Za-z0-9+/]{20}/.test(l),
    );
    lines[inCa] = `${lines[inCa].slice(0, 10)}!${lines[inCa].slice(11)}`;
    const read = readBundle(Buffer.from(lines.join("\n")), "chain.pem", cache);
    expect(read.entries).toHaveLength(2);
    expect(read.findings.map((f) => f.id)).toContain("format.malformed");
  });
});
