import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanKind } from "../../src/core/input/scan-kind.js";
import { decodeText } from "../../src/core/input/text.js";
import { FIXTURES } from "../helpers/cli.js";

const text = (s: string) => Buffer.from(s);
const fixture = (f: string) => readFileSync(`${FIXTURES}${f}`);
const kindOf = (bytes: Buffer) => scanKind(bytes, decodeText(bytes));

// Issue 16: a scan no longer parses the certificates it sorts; a CERTIFICATE block makes a chain whether
// or not it parses, exactly as when every block was read in full.
describe("scanKind", () => {
  it("calls any file with a CERTIFICATE block a chain, readable or not", () => {
    expect(kindOf(fixture("good/chain.pem"))).toBe("pem");
    expect(kindOf(fixture("format/bad-base64.pem"))).toBe("pem");
    expect(kindOf(fixture("format/truncated.pem"))).toBe("pem");
    expect(kindOf(fixture("format/not-x509.pem"))).toBe("pem");
    expect(kindOf(fixture("format/utf16.pem"))).toBe("pem");
    expect(kindOf(fixture("format/with-private-key.pem"))).toBe("pem");
    expect(kindOf(text("-----BEGIN CERTIFICATE-----\nMIIB\n"))).toBe("pem");
    expect(kindOf(text("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nMIIB\n-----END CERTIFICATE-----\n"))).toBe(
      "pem",
    );
    expect(kindOf(text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CRL-----\n"))).toBe("pem");
  });

  it("still sorts files without one: keys, notes, CSRs, binary certificates", () => {
    expect(kindOf(fixture("good/leaf.key"))).toBe("key-file");
    expect(kindOf(fixture("format/empty.pem"))).toBe("not-certificate");
    expect(kindOf(fixture("format/whitespace.pem"))).toBe("not-certificate");
    expect(kindOf(text("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"))).toBe(
      "not-certificate",
    );
    expect(kindOf(fixture("format/leaf.der"))).toBe("binary-certificates");
    expect(kindOf(fixture("format/chain.p7b"))).toBe("binary-certificates");
  });
});
