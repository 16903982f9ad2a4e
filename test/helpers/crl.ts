// CRLs for tests: our own DER writer (any shape, e.g. without nextUpdate) and `openssl ca -gencrl` (the
// independent peer), both signed with the issuer's key.
import { execFileSync } from "node:child_process";
import { createPrivateKey, sign } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { parseCertificate } from "../../src/core/x509/certificate.js";
import type { Made } from "../../src/lab/make-certs.js";

const len = (n: number) => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = Buffer.from(n.toString(16).padStart(n > 0xffff ? 6 : 4, "0"), "hex");
  return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
};
export const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const utcTime = (d: Date) => tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, "")}Z`));
/** A positive INTEGER from hex digits, with the DER sign octet where the high bit is set. */
const integer = (hex: string) => {
  const b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  return tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
};
const ECDSA_SHA256 = tlv(0x30, tlv(0x06, Buffer.from("2a8648ce3d040302", "hex")));

export interface CrlShape {
  /** hex serials listed as revoked */
  serials: string[];
  thisUpdate: Date;
  nextUpdate?: Date;
}

/** A v1 CRL (RFC 5280 §5.1) of `issuer`, written byte by byte and signed with its ECDSA key. */
export function writeCrl(issuer: Made, shape: CrlShape): Buffer {
  const revokedAt = utcTime(new Date("2025-01-01T00:00:00Z"));
  const entries = shape.serials.map((s) => tlv(0x30, integer(s), revokedAt));
  const tbs = tlv(
    0x30,
    ECDSA_SHA256,
    parseCertificate(Buffer.from(issuer.cert.rawData)).subjectDer,
    utcTime(shape.thisUpdate),
    shape.nextUpdate ? utcTime(shape.nextUpdate) : Buffer.alloc(0),
    entries.length ? tlv(0x30, ...entries) : Buffer.alloc(0),
  );
  const signature = sign("sha256", tbs, createPrivateKey(issuer.keyPem));
  return tlv(0x30, tbs, ECDSA_SHA256, tlv(0x03, Buffer.from([0]), signature));
}

/** The same list made by `openssl ca -gencrl` from an index.txt (DER output). */
export function opensslCrl(issuer: Made, serials: string[]): Buffer {
  const dir = mkdtempSync(`${tmpdir()}/cpc-crl-`);
  const line = (s: string) => `R\t991231235959Z\t250101000000Z\t${s.toUpperCase()}\tunknown\t/CN=x\n`;
  writeFileSync(`${dir}/index.txt`, serials.map(line).join(""));
  writeFileSync(`${dir}/ca.pem`, issuer.pem);
  writeFileSync(`${dir}/ca.key`, issuer.keyPem);
  writeFileSync(
    `${dir}/ca.cnf`,
    `[ca]\ndefault_ca=d\n[d]\ndatabase=${dir}/index.txt\ndefault_md=sha256\ndefault_crl_days=3650\n`,
  );
  const args = ["-gencrl", "-config", `${dir}/ca.cnf`, "-cert", `${dir}/ca.pem`, "-keyfile", `${dir}/ca.key`];
  execFileSync("openssl", ["ca", ...args, "-out", `${dir}/crl.pem`], { stdio: "pipe" });
  return execFileSync("openssl", ["crl", "-in", `${dir}/crl.pem`, "-outform", "DER"]);
}
