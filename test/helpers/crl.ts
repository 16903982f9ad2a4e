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

const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const body = [a * 40 + b];
  for (const n of rest) {
    const bytes = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) bytes.unshift((v & 0x7f) | 0x80);
    body.push(...bytes);
  }
  return tlv(0x06, Buffer.from(body));
};

export interface Ext {
  oid: string;
  critical?: boolean;
  value: Buffer;
}
const extension = (e: Ext) =>
  tlv(0x30, oid(e.oid), e.critical ? tlv(0x01, Buffer.from([0xff])) : Buffer.alloc(0), tlv(0x04, e.value));

export interface Entry {
  serial: string;
  reason?: number;
  extensions?: Ext[];
  /** raw bytes instead of the entry: garbage in revokedCertificates */
  raw?: Buffer;
}

/** Any CRL shape, v2 by default: version, extensions, entries, issuer, inner algorithm, signing key. */
export interface CrlV2Shape {
  thisUpdate: Date;
  nextUpdate?: Date;
  /** the version INTEGER's content; null leaves the field out (v1) */
  version?: number | null;
  entries?: Entry[];
  extensions?: Ext[];
  /** issuer Name DER (default: the issuer's subject) */
  issuerDer?: Buffer;
  /** the key that signs (default: the issuer's) */
  signer?: Made;
  /** a different AlgorithmIdentifier inside the TBSCertList */
  innerAlgorithm?: Buffer;
}

export const ECDSA_SHA384 = tlv(0x30, tlv(0x06, Buffer.from("2a8648ce3d040303", "hex")));

export function writeCrlV2(issuer: Made, shape: CrlV2Shape): Buffer {
  const revokedAt = utcTime(new Date("2025-01-01T00:00:00Z"));
  const entries = (shape.entries ?? []).map((e) => {
    if (e.raw) return e.raw;
    const exts = [...(e.extensions ?? [])];
    if (e.reason !== undefined) exts.push({ oid: "2.5.29.21", value: tlv(0x0a, Buffer.from([e.reason])) });
    return tlv(0x30, integer(e.serial), revokedAt, exts.length ? tlv(0x30, ...exts.map(extension)) : Buffer.alloc(0));
  });
  const version = shape.version === null ? Buffer.alloc(0) : tlv(0x02, Buffer.from([shape.version ?? 1]));
  const exts = shape.extensions?.length ? tlv(0xa0, tlv(0x30, ...shape.extensions.map(extension))) : Buffer.alloc(0);
  const tbs = tlv(
    0x30,
    version,
    shape.innerAlgorithm ?? ECDSA_SHA256,
    shape.issuerDer ?? parseCertificate(Buffer.from(issuer.cert.rawData)).subjectDer,
    utcTime(shape.thisUpdate),
    shape.nextUpdate ? utcTime(shape.nextUpdate) : Buffer.alloc(0),
    entries.length ? tlv(0x30, ...entries) : Buffer.alloc(0),
    exts,
  );
  const signature = sign("sha256", tbs, createPrivateKey((shape.signer ?? issuer).keyPem));
  return tlv(0x30, tbs, ECDSA_SHA256, tlv(0x03, Buffer.from([0]), signature));
}

/** CRL extension values. */
export const crlExt = {
  number: (n: number): Ext => ({ oid: "2.5.29.20", value: integer(n.toString(16)) }),
  delta: (base: number): Ext => ({ oid: "2.5.29.27", critical: true, value: integer(base.toString(16)) }),
  /** issuingDistributionPoint: [0] fullName URI, [1] user, [2] CA, [3] reasons (one octet), [4] indirect */
  idp: (f: { uri?: string; onlyCa?: boolean; onlyUser?: boolean; reasons?: number; indirect?: boolean }): Ext => {
    const parts: Buffer[] = [];
    if (f.uri) parts.push(tlv(0xa0, tlv(0xa0, tlv(0x86, Buffer.from(f.uri)))));
    if (f.onlyUser) parts.push(tlv(0x81, Buffer.from([0xff])));
    if (f.onlyCa) parts.push(tlv(0x82, Buffer.from([0xff])));
    if (f.reasons !== undefined) parts.push(tlv(0x83, Buffer.from([0x01, f.reasons])));
    if (f.indirect) parts.push(tlv(0x84, Buffer.from([0xff])));
    return { oid: "2.5.29.28", critical: true, value: tlv(0x30, ...parts) };
  },
  unknownCritical: (): Ext => ({ oid: "1.3.6.1.4.1.99999.1", critical: true, value: tlv(0x05, Buffer.alloc(0)) }),
};
