// A small DER writer for tests that need certificates no CA library would write: every field can be given
// raw, so a test can put exactly the malformation it is about into an otherwise valid certificate.
import { type KeyObject, sign } from "node:crypto";
import {
  explicit as ctx,
  implicitPrimitive as ctxPrim,
  nullValue as nul,
  octets as octet,
  seq,
  set,
  tlv,
} from "../../src/core/x509/der-write.js";

// The framing is the product's own DER writer; this file adds what only tests write (any tag, raw values).
// ctx: context-specific tag n, constructed (EXPLICIT or a SEQUENCE-like IMPLICIT); ctxPrim: primitive.
export { ctx, ctxPrim, nul, octet, seq, set, tlv };

export const bool = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
export const printable = (s: string) => tlv(0x13, Buffer.from(s, "latin1"));
export const ia5 = (s: string) => tlv(0x16, Buffer.from(s, "latin1"));

/** A DER INTEGER: minimal two's complement of a number or bigint. */
export function int(value: number | bigint): Buffer {
  let v = BigInt(value);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (!(v === 0n && !(bytes[0] & 0x80)) && !(v === -1n && bytes[0] & 0x80));
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split(".").map(BigInt);
  const out: number[] = [];
  const values = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  for (const value of values) {
    const group: number[] = [];
    let v = value;
    do {
      group.unshift(Number(v & 0x7fn) | (group.length ? 0x80 : 0));
      v >>= 7n;
    } while (v > 0n);
    out.push(...group);
  }
  return tlv(0x06, Buffer.from(out));
}

/** A BIT STRING with `unused` padding bits in the last octet. */
export const bits = (bytes: Uint8Array, unused = 0) => tlv(0x03, Buffer.from([unused]), bytes);

/** A named-bit BIT STRING (key usage) in DER: trailing zero bits dropped. */
export function namedBits(positions: number[]): Buffer {
  if (positions.length === 0) return bits(Buffer.alloc(0));
  const last = Math.max(...positions);
  const bytes = Buffer.alloc((last >> 3) + 1);
  for (const p of positions) bytes[p >> 3] |= 0x80 >> (p & 7);
  return bits(bytes, 7 - (last & 7));
}

function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
export function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const rest = [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    .map(twoDigits)
    .join("");
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${twoDigits(y % 100)}${rest}Z`));
  return tlv(0x18, Buffer.from(`${y}${rest}Z`));
}

/** A Name from [attribute OID, value TLV] pairs, one attribute per RDN. */
export function name(...attrs: [string, Buffer][]): Buffer {
  return seq(...attrs.map(([type, value]) => set(seq(oid(type), value))));
}

export const CN = "2.5.4.3";
export const O = "2.5.4.10";
export const C = "2.5.4.6";

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
export function extension(type: string, value: Uint8Array, critical = false): Buffer {
  return critical ? seq(oid(type), bool(true), octet(value)) : seq(oid(type), octet(value));
}

export const SIG = {
  ecdsaSha256: { oid: "1.2.840.10045.4.3.2", hash: "sha256", params: false },
  ecdsaSha1: { oid: "1.2.840.10045.4.1", hash: "sha1", params: false },
  rsaSha256: { oid: "1.2.840.113549.1.1.11", hash: "sha256", params: true },
  rsaSha1: { oid: "1.2.840.113549.1.1.5", hash: "sha1", params: true },
  ed25519: { oid: "1.3.101.112", hash: null, params: false },
} as const;
export type SigAlg = (typeof SIG)[keyof typeof SIG];

export function algorithmIdentifier(alg: SigAlg): Buffer {
  return alg.params ? seq(oid(alg.oid), nul()) : seq(oid(alg.oid));
}

export interface TbsSpec {
  /** the version field's INTEGER (2 for v3, the default); null leaves the field out (v1 in DER) */
  version?: number | null;
  serial?: Buffer;
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  /** the Extension DERs, wrapped in [3] { SEQUENCE }; `extensionsField` replaces the whole [3] element */
  extensions?: Buffer[];
  extensionsField?: Buffer;
  sigAlg: SigAlg;
}

export function tbsCertificate(spec: TbsSpec): Buffer {
  const exts = spec.extensionsField ?? (spec.extensions?.length ? ctx(3, seq(...spec.extensions)) : Buffer.alloc(0));
  return seq(
    spec.version === null ? Buffer.alloc(0) : ctx(0, int(spec.version ?? 2)),
    spec.serial ?? int(0x1234),
    algorithmIdentifier(spec.sigAlg),
    spec.issuer,
    seq(time(spec.notBefore), time(spec.notAfter)),
    spec.subject,
    spec.spki,
    exts,
  );
}

/** The signed certificate DER. */
export function signCertificate(tbs: Buffer, alg: SigAlg, key: KeyObject): Buffer {
  const signature = sign(alg.hash, tbs, key);
  return seq(tbs, algorithmIdentifier(alg), bits(signature));
}

export function certificate(spec: TbsSpec, signer: KeyObject): Buffer {
  return signCertificate(tbsCertificate(spec), spec.sigAlg, signer);
}

export function pem(der: Buffer, label = "CERTIFICATE"): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
