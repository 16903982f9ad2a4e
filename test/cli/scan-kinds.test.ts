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

  it("judges a PKCS#7 block beside a private key as it is, never unpacks it without its key", () => {
    const p7 = fixture("format/chain-p7b.pem").toString("latin1");
    expect(kindOf(text(p7))).toBe("binary-certificates");
    expect(kindOf(text(p7 + fixture("good/leaf.key").toString("latin1")))).toBe("pem");
  });

  // Trust files (`openssl x509 -trustout`, a distribution's ca-bundle.trust.crt) and documents that quote an
  // escaped certificate stay notes: judging them failed CA folders and READMEs a glob matched (found in review).
  it("skips TRUSTED CERTIFICATE files and text that quotes an escaped certificate", () => {
    const leaf = fixture("good/leaf.pem").toString("latin1");
    expect(kindOf(text(leaf.replaceAll("CERTIFICATE-----", "TRUSTED CERTIFICATE-----")))).toBe("not-certificate");
    expect(kindOf(text(`\`\`\`json\n${JSON.stringify({ certificate: leaf })}\n\`\`\`\n`))).toBe("not-certificate");
  });

  it("skips text, however it is written, and judges binary junk even when it holds no zero byte", () => {
    // Tabs, CR LF, form feed, ANSI colour, Latin-1 and UTF-8 letters, BEL; DEL and the Ctrl-Z old DOS files end with.
    const notes = text("Renew in May.\r\n\tAsk Ops.\f\x1b[1mbold\x1b[0m \u00e9t\u00e9 \x07 \x7f\n\x1a");
    expect(kindOf(notes)).toBe("not-certificate");
    // A compressed or encrypted file has no zero byte about 1 time in 7 at 512 bytes: it is not text.
    const junk = Buffer.from(Array.from({ length: 512 }, (_, i) => 0x80 + (i % 0x80)));
    for (const control of [0x01, 0x06, 0x0e, 0x19, 0x1c, 0x1f]) {
      junk[100] = control;
      expect(kindOf(junk)).toBe("pem");
    }
    // Judged on the bytes, not on a decoding: junk behind a UTF-16 byte order mark is not text either.
    const utf16Junk = Buffer.concat([Buffer.from([0xff, 0xfe]), junk]);
    expect(kindOf(utf16Junk)).toBe("pem");
  });
});
