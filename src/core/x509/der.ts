// A minimal, bounds-checked DER reader. It only walks what the certificate facts need, so `check`
// does not load a full ASN.1 schema library at start-up (see the bench in scripts/bench.mjs).
import { Memo } from "./memo.js";

export interface Tlv {
  tag: number;
  /** offset of the tag byte */
  start: number;
  /** offset of the first content byte */
  contentStart: number;
  /** offset one past the last content byte */
  end: number;
}

export class DerError extends Error {}

const MAX_DEPTH = 32;

/**
 * Where `children` collects, reused: an array grown from empty by push gets room for 17 elements (and one
 * emptied by `length = 0` gives that room back), while most elements have one to three children. Each call
 * writes its first slots and returns an exact-size copy of just those; a long list is let go
 * afterwards, so one huge element is not held for the rest of the run.
 */
const collected: Tlv[] = [];
const KEEP_COLLECTED = 64;

export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError(`truncated DER at byte ${offset}`);
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high-tag-number form at byte ${offset}`);
  let pos = offset + 1;
  let len = buf[pos++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError(`unsupported length form at byte ${offset}`);
    if (pos + n > limit) throw new DerError(`truncated length at byte ${offset}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++];
  }
  const end = pos + len;
  if (end > limit) throw new DerError(`element at byte ${offset} runs past its container`);
  return { tag, start: offset, contentStart: pos, end };
}

/** The direct children of a constructed element. */
export function children(buf: Uint8Array, parent: Tlv, depth = 0): Tlv[] {
  if (depth > MAX_DEPTH) throw new DerError("DER nested too deeply");
  let n = 0;
  let pos = parent.contentStart;
  while (pos < parent.end) {
    const child = readTlv(buf, pos, parent.end);
    collected[n++] = child;
    pos = child.end;
  }
  const out = collected.slice(0, n);
  if (collected.length > KEEP_COLLECTED) collected.length = 0;
  return out;
}

export function content(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.contentStart, tlv.end);
}

export function whole(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.start, tlv.end);
}

/**
 * A Buffer over bytes of `bytes`, sharing their memory rather than copying them: for parsed fields that
 * nothing writes to, a copy per field per certificate was only allocation and garbage.
 */
export function view(bytes: Uint8Array, start = 0, end = bytes.length): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
}

/**
 * Dotted OIDs by their content octets (as latin1 text, one short string): a certificate holds ~25 OIDs,
 * nearly all of them the same few in every certificate, and spelling one arc by arc made a string per arc.
 * Bounded (cleared when full, long OIDs never kept), so hostile input with many distinct OIDs costs no
 * memory; the values are strings, so nothing a caller does to one reaches another.
 */
const OID_TEXT = new Memo<string>(256);
const MEMO_OID_OCTETS = 32;

/** The OID in `bytes` (from `start` to `end`, all of it by default). */
export function decodeOid(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end <= start) throw new DerError("empty OID");
  if (end - start > MEMO_OID_OCTETS) return spellOid(bytes, start, end);
  const octets = latin1(bytes, start, end);
  return OID_TEXT.get(octets) ?? OID_TEXT.set(octets, spellOid(bytes, start, end));
}

function spellOid(bytes: Uint8Array, start: number, end: number): string {
  // Built as it is read, without arrays: every name attribute and extension of every certificate has one.
  let out = "";
  let value = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    value = value * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    if (first) out = value < 80 ? `${Math.floor(value / 40)}.${value % 40}` : `2.${value - 80}`;
    else out += `.${value}`;
    first = false;
    value = 0;
  }
  // Only continuation octets: what the array version gave for an empty arc list.
  return first ? "0.0" : out;
}

/** The OID an OBJECT IDENTIFIER element holds, read in place (no view of its content per OID). */
export function oidAt(buf: Uint8Array, tlv: Tlv): string {
  return decodeOid(buf, tlv.contentStart, tlv.end);
}

/**
 * An INTEGER's content octets, refused unless X.690 §8.3 DER: at least one octet, and no leading 00/FF
 * octet that only repeats the sign (OpenSSL refuses both at load time).
 */
export function integerBytes(buf: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.tag !== 0x02) throw new DerError(`expected an INTEGER at byte ${tlv.start}`);
  const bytes = content(buf, tlv);
  if (bytes.length === 0) throw new DerError("an INTEGER has no content octets");
  const padded = (bytes[0] === 0x00 && !(bytes[1] & 0x80)) || (bytes[0] === 0xff && bytes[1] & 0x80);
  if (bytes.length > 1 && padded) throw new DerError("an INTEGER is not minimally encoded (X.690 §8.3.2)");
  return bytes;
}

/** A small non-negative INTEGER (version, pathLenConstraint); negative ones are refused. */
export function decodeUnsigned(buf: Uint8Array, tlv: Tlv): number {
  const bytes = integerBytes(buf, tlv);
  if (bytes[0] & 0x80) throw new DerError("a negative INTEGER where only 0 or more is allowed");
  if (bytes.length > 4) throw new DerError("an INTEGER is too large");
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * UTCTime (0x17) or GeneralizedTime (0x18) to a Date, in RFC 5280 §4.1.2.5.1/.2 form only: seconds and
 * "Z" present, no fractional seconds, and a date that exists (Date.UTC would roll 30 February to 1 March).
 */
export function decodeTime(buf: Uint8Array, tlv: Tlv): Date {
  const text = latin1(buf, tlv.contentStart, tlv.end);
  // YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ, read digit by digit: two times per certificate made the regex, its
  // match array and the Number conversions measurable at 10,000 bundles.
  const y = tlv.tag === 0x17 ? 2 : 4;
  let year = digitsAt(text, 0, y);
  const mo = digitsAt(text, y, 2);
  const d = digitsAt(text, y + 2, 2);
  const h = digitsAt(text, y + 4, 2);
  const mi = digitsAt(text, y + 6, 2);
  const s = digitsAt(text, y + 8, 2);
  // NaN in any field makes the sum NaN.
  if (text.length !== y + 11 || text[y + 10] !== "Z" || Number.isNaN(year + mo + d + h + mi + s))
    throw new DerError(`unsupported time encoding "${text}"`);
  if (tlv.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1];
  if (!days || d < 1 || d > days || h > 23 || mi > 59 || s > 59) throw new DerError(`impossible time "${text}"`);
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}

/** The number written by `count` ASCII digits at `from`, or NaN when any of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    n = n * 10 + digit;
  }
  return n;
}

/** The bytes from `start` to `end` as latin1 text; a Buffer is read in place, without a view. */
function latin1(buf: Uint8Array, start: number, end: number): string {
  return asBuffer(buf).toString("latin1", start, end);
}

export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString("hex");
}

/** A Buffer as it is, other bytes as a view, not a copy: they are only read. */
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : view(bytes));

/** `AB:CD:…`, the way OpenSSL and browsers show key identifiers. */
export function colonHex(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(":");
}
