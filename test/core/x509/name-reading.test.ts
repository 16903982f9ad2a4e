import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseCertificate } from "../../../src/core/x509/certificate.js";
import { nameKey, namesMatch } from "../../../src/core/x509/names.js";
import { subjectAltNames } from "../../../src/core/x509/san.js";
import * as D from "../../helpers/der-builder.js";

// The parser decodes each Name once: its attributes, its comparison key and what its string types break
// (issue 28). These hold what that one walk must give, as the separate walks gave it.
const key = generateKeyPairSync("ec", { namedCurve: "P-256" });
const SPKI = key.publicKey.export({ type: "spki", format: "der" }) as Buffer;
const utf8Bytes = (bytes: number[]) => D.tlv(0x0c, Buffer.from(bytes));

function cert(issuer: Buffer, subject: Buffer, extensions?: Buffer[]) {
  const spec = {
    issuer,
    subject,
    extensions,
    notBefore: new Date("2025-01-01T00:00:00Z"),
    notAfter: new Date("2035-01-01T00:00:00Z"),
    spki: SPKI,
    sigAlg: D.SIG.ecdsaSha256,
  };
  return parseCertificate(D.certificate(spec, key.privateKey));
}

describe("reading a certificate's names", () => {
  it("lists the names' string-type problems, issuer first, in attribute order", () => {
    const issuer = D.name([D.C, D.printable("LT")], [D.O, D.ia5("Caf\xe9")], [D.CN, D.printable("a@b*c")]);
    const subject = D.name([D.CN, D.printable("x_y")], [D.O, D.printable("Plain (ok) - 1.2/3:4=5?")]);
    const defects = cert(issuer, subject).defects.map((d) => `${d.field}: ${d.problem}`);
    expect(defects).toEqual([
      "issuer: an IA5String holds non-ASCII bytes",
      'issuer: a PrintableString holds "@*", which PrintableString cannot',
      'subject: a PrintableString holds "_", which PrintableString cannot',
    ]);
  });

  it("holds a PrintableString to its 74 characters, byte by byte", () => {
    const allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?";
    const every = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b)).join("");
    const others = [...every].filter((c) => !allowed.includes(c)).join("");
    const plain = cert(D.name([D.CN, D.printable(allowed)]), D.name([D.CN, D.printable(every)]));
    expect(plain.defects.map((d) => `${d.field}: ${d.problem}`)).toEqual([
      `subject: a PrintableString holds ${JSON.stringify(others)}, which PrintableString cannot`,
    ]);
  });

  it("reads a SAN's dNSName and rfc822Name as encoded, a byte a character, in the parse and the SAN reader alike", () => {
    const dns = ["plain.example", "caf\xe9.example", "*.wild.example"];
    const email = "m\xfcller@example.com";
    const latin1 = (s: string) => Buffer.from(s, "latin1");
    const value = D.seq(...dns.map((d) => D.ctxPrim(2, latin1(d))), D.ctxPrim(1, latin1(email)));
    const leaf = D.name([D.CN, D.printable("leaf")]);
    const c = cert(leaf, leaf, [D.extension("2.5.29.17", value)]);
    expect(c.sanDns).toEqual(dns);
    expect(subjectAltNames(c)).toEqual([...dns.map((text) => ({ form: "dns", text })), { form: "email", text: email }]);
  });

  it("keys a UTF8String by its text when valid, and by its bytes when not", () => {
    const valid = cert(D.name([D.CN, D.utf8("Ünïcode \ufffd CA")]), D.name([D.CN, D.printable("leaf")]));
    const validAgain = cert(D.name([D.CN, D.utf8("Ünïcode \ufffd CA")]), D.name([D.CN, D.printable("leaf")]));
    expect(valid.issuer).toBe("CN=Ünïcode \ufffd CA");
    expect(namesMatch(valid.issuerDer, Buffer.from(validAgain.issuerDer))).toBe(true);
    // An overlong "A" (C1 81) decodes to U+FFFD, as does a real U+FFFD: the names must not match.
    const overlong = cert(D.name([D.CN, utf8Bytes([0x43, 0xc1, 0x81])]), D.name([D.CN, D.printable("leaf")]));
    const replaced = cert(D.name([D.CN, D.utf8("C\ufffd\ufffd")]), D.name([D.CN, D.printable("leaf")]));
    expect(overlong.issuer).toBe(replaced.issuer);
    expect(namesMatch(overlong.issuerDer, replaced.issuerDer)).toBe(false);
    expect(nameKey(overlong.issuerDer)).toContain("x12:43c181");
  });

  it("takes the last CN and keys a multi-valued RDN as a set", () => {
    const twoCns = D.name([D.CN, D.utf8("first")], [D.CN, D.utf8("second")]);
    expect(cert(twoCns, twoCns).subjectCN).toBe("second");
    const rdn = (a: Buffer, b: Buffer) => D.seq(D.set(D.seq(D.oid(D.O), a), D.seq(D.oid(D.CN), b)));
    const ab = cert(rdn(D.utf8("Org"), D.utf8("Name")), D.name([D.CN, D.utf8("leaf")]));
    const swapped = D.seq(D.set(D.seq(D.oid(D.CN), D.printable("name")), D.seq(D.oid(D.O), D.utf8("ORG"))));
    expect(namesMatch(ab.issuerDer, swapped)).toBe(true);
  });
});
