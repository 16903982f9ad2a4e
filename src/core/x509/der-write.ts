// A minimal DER writer (X.690 §10) for the few structures the tool writes itself: PKCS#12 files and
// PKCS#7 certificate bundles. Definite lengths only; callers pass already-encoded children.

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

export const seq = (...items: Uint8Array[]) => tlv(0x30, ...items);
export const set = (...items: Uint8Array[]) => tlv(0x31, ...items);
export const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
export const nullValue = () => Buffer.from([0x05, 0x00]);
/** [n] EXPLICIT, constructed context-specific */
export const explicit = (n: number, ...items: Uint8Array[]) => tlv(0xa0 | n, ...items);
/** [n] IMPLICIT OCTET STRING-like primitive context-specific */
export const implicitPrimitive = (n: number, bytes: Uint8Array) => tlv(0x80 | n, bytes);

/** A non-negative INTEGER, minimally encoded. */
export function integer(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** BMPString (UCS-2 big-endian), as PKCS#12 friendlyName attributes are written. */
export function bmpString(text: string): Buffer {
  const bytes = Buffer.from(text, "utf16le").swap16();
  return tlv(0x1e, bytes);
}

/**
 * A certificates-only PKCS#7 SignedData (RFC 2315 §9.1, as `openssl crl2pkcs7 -nocrl` writes a .p7b):
 * no content, no signers, the certificates in the order given.
 */
export function pkcs7Certificates(certs: Uint8Array[]): Buffer {
  const signedData = seq(integer(1), set(), seq(oid("1.2.840.113549.1.7.1")), explicit(0, ...certs), set());
  return seq(oid("1.2.840.113549.1.7.2"), explicit(0, signedData));
}
