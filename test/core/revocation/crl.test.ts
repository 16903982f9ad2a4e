import { describe, expect, it } from "vitest";
import { judgeRevocation } from "../../../src/core/revocation/judge.js";
import { planRevocation } from "../../../src/core/revocation/plan.js";
import { parseCertificate } from "../../../src/core/x509/certificate.js";
import { issue, type Made } from "../../../src/lab/make-certs.js";
import { opensslCrl, writeCrl } from "../../helpers/crl.js";

const der = (m: Made) => parseCertificate(Buffer.from(m.cert.rawData));
const AT = new Date("2030-01-01T00:00:00Z");
const serials = (n: number) => Array.from({ length: n }, (_, i) => `5E${(i + 1).toString(16).padStart(6, "0")}`);

async function judgeWith(crl: (int: Made, leafSerial: string) => Buffer) {
  const root = await issue({ subject: "CN=CRL Reader Root", ca: true });
  const int = await issue({ subject: "CN=CRL Reader CA", ca: true, issuer: root, notAfter: new Date("2099-01-01") });
  const leaf = await issue({
    subject: "CN=crl reader leaf",
    issuer: int,
    clientAuth: true,
    crl: "http://crl.test/int.crl",
    serial: "7E57AB",
  });
  const items = planRevocation([
    { cert: der(leaf), index: 0 },
    { cert: der(int), index: 1 },
  ]);
  return judgeRevocation(items, [{ ok: true, body: crl(int, "7E57AB") }], AT);
}

describe("our CRL reader (RFC 5280 §5.1)", () => {
  // @peculiar/x509 stopped after a fixed number of ASN.1 nodes: this CRL came back revocation.unavailable.
  it("finds a serial near the end of a 20,000-entry CRL made by openssl ca -gencrl", async () => {
    const res = await judgeWith((int, s) => opensslCrl(int, [...serials(19_990), s, ...serials(20_000).slice(19_990)]));
    expect(res.findings.map((f) => f.id)).toEqual(["revocation.revoked"]);
    expect(res.details[0]).toMatch(/CRL revoked/);
  });

  // @peculiar/x509 dropped every entry of a CRL without nextUpdate, so a revoked leaf read as good.
  it("reads the entries of a CRL without nextUpdate (RFC 5280 §5.1.2.5 requires it; we do not ignore the list)", async () => {
    const res = await judgeWith((int, s) => writeCrl(int, { serials: [...serials(3), s], thisUpdate: AT }));
    expect(res.findings.map((f) => f.id)).toEqual(["revocation.revoked"]);
    expect(res.details[0]).toMatch(/CRL has no nextUpdate/);
  });

  it("says good for an unlisted serial, unavailable for a stale CRL and for one cut short", async () => {
    const fresh = { thisUpdate: AT, nextUpdate: new Date("2030-02-01") };
    const good = await judgeWith((int) => writeCrl(int, { serials: serials(5), ...fresh }));
    expect(good.findings).toEqual([]);
    expect(good.details[0]).toMatch(/CRL good/);
    const old = await judgeWith((int, s) =>
      writeCrl(int, { serials: [s], thisUpdate: new Date("2029-01-01"), nextUpdate: new Date("2029-02-01") }),
    );
    expect(old.findings.map((f) => f.id)).toEqual(["revocation.unavailable"]);
    expect(old.findings[0].message).toMatch(/stale/);
    const cut = await judgeWith((int, s) => writeCrl(int, { serials: [s], ...fresh }).subarray(0, 60));
    expect(cut.findings.map((f) => f.id)).toEqual(["revocation.unavailable"]);
    expect(cut.findings[0].message).toMatch(/not a DER CRL/);
  });
});

describe("crlSignedBy with EdDSA", () => {
  it("verifies an Ed25519-signed CRL (signatureHash's null means 'no separate hash', not 'unknown')", async () => {
    const { generateKeyPairSync, sign } = await import("node:crypto");
    const { integer, oid, seq } = await import("../../../src/core/x509/der-write.js");
    const { parseCrl, crlSignedBy } = await import("../../../src/core/revocation/crl.js");
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const other = generateKeyPairSync("ed25519").publicKey;
    const ed25519 = seq(oid("1.3.101.112"));
    const name = seq(Buffer.from([0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x02, 0x43, 0x41]));
    const utc = (s: string) => Buffer.concat([Buffer.from([0x17, s.length]), Buffer.from(s)]);
    const tbs = seq(integer(1), ed25519, name, utc("250101000000Z"), utc("350101000000Z"));
    const signature = sign(null, tbs, privateKey);
    const der = seq(tbs, ed25519, Buffer.concat([Buffer.from([0x03, signature.length + 1, 0]), signature]));
    const crl = parseCrl(der);
    expect(crlSignedBy(crl, publicKey)).toBe(true);
    expect(crlSignedBy(crl, other)).toBe(false);
  });
});
