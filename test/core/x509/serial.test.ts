import { describe, expect, it } from "vitest";
import { parseCertificate } from "../../../src/core/x509/certificate.js";
import { normaliseSerial, sameSerial, serialHex } from "../../../src/core/x509/serial.js";
import { loadX509 } from "../../../src/core/x509/x509-lib.js";
import { issue } from "../../../src/lab/make-certs.js";

describe("serial numbers (RFC 5280 §4.1.2.2)", () => {
  it("spells DER content octets in whole octets, without the sign octet", () => {
    expect(serialHex(Buffer.from([0x0a, 0x1b]))).toBe("0A1B");
    expect(serialHex(Buffer.from([0x00, 0x9f, 0x01]))).toBe("9F01");
    expect(serialHex(Buffer.from([0x00, 0x00, 0x0d]))).toBe("0D");
    expect(serialHex(Buffer.from([0x00]))).toBe("00");
    expect(serialHex(Buffer.from([0xff, 0x01]))).toBe("FF01");
  });

  it("gives every spelling of one serial the same form", () => {
    for (const spelling of ["a1b", "0A1B", "000a1b", "0a:1b", "0A 1B"]) expect(normaliseSerial(spelling)).toBe("0A1B");
    expect(sameSerial("A1B2C", "0a1b2c")).toBe(true);
    expect(sameSerial("0A1B2C", "0A1B2D")).toBe(false);
    expect(sameSerial("9F01", "009f01")).toBe(true);
  });

  // @peculiar/x509 drops the sign octet and writes lower case; Certificate.serialNumber must match it
  // for the serials whose first octet is below 0x10 or has its high bit set.
  it.each(["0A1B2C", "9F0102", "0000F00D", "07", "7F"])("agrees with @peculiar/x509 on %s", async (serial) => {
    const x509 = await loadX509();
    const made = await issue({ subject: "CN=serial", serial });
    const ours = parseCertificate(Buffer.from(made.cert.rawData));
    expect(sameSerial(made.cert.serialNumber, ours.serialNumber)).toBe(true);
    const crl = await x509.X509CrlGenerator.create({
      issuer: made.name,
      nextUpdate: new Date(Date.now() + 86_400_000),
      entries: [{ serialNumber: made.cert.serialNumber }],
      signingKey: made.keys.privateKey,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    });
    const listed = new x509.X509Crl(crl.rawData).entries.map((e) => e.serialNumber);
    expect(listed.some((s) => sameSerial(s, ours.serialNumber))).toBe(true);
  });
});
