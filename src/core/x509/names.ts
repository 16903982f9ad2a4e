import { children, oidAt, readTlv, type Tlv, view } from "./der.js";
import { canonicalValue } from "./name-canon.js";
import { stringProblem } from "./name-strings.js";

const SHORT_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.42": "GN",
  "2.5.4.97": "organizationIdentifier",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
  "1.2.840.113549.1.9.1": "emailAddress",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionC",
  "2.5.4.15": "businessCategory",
};

export interface NameAttribute {
  type: string;
  value: string;
  /** the value as names are compared (RFC 5280 §7.1): see `canonicalValue` */
  canon: string;
}

function decodeString(bytes: Buffer, tag: number): string {
  // swap16 works in place: a copy, so the certificate's DER is never written to.
  if (tag === 0x1e) return Buffer.from(bytes).swap16().toString("utf16le");
  if (tag === 0x0c) return bytes.toString("utf8");
  if (tag === 0x13 || tag === 0x16 || tag === 0x14) return bytes.toString("latin1");
  return `#${bytes.toString("hex")}`;
}

/** Attributes of an X.501 Name in encoding order. */
export function decodeName(buf: Uint8Array, name: Tlv): NameAttribute[] {
  const out: NameAttribute[] = [];
  const rdns = children(buf, name);
  for (let i = 0; i < rdns.length; i++) readRdn(buf, rdns[i], out);
  return out;
}

/**
 * Appends the attributes of one RDN to `out`; with `problems`, also what their string types break
 * (name-strings.ts), so the parser walks each Name once rather than once more for those. Indexed loops:
 * a cold check runs this unoptimised, where `for…of` and array patterns allocate an iterator each.
 */
function readRdn(buf: Uint8Array, rdn: Tlv, out: NameAttribute[], problems?: string[]): NameAttribute[] {
  const atvs = children(buf, rdn);
  for (let i = 0; i < atvs.length; i++) {
    const parts = children(buf, atvs[i]);
    const oid = parts[0];
    const value = parts[1];
    if (!oid || !value) continue;
    const id = oidAt(buf, oid);
    // One view of the value for both spellings of it.
    const bytes = view(buf, value.contentStart, value.end);
    out.push({
      type: SHORT_NAMES[id] ?? id,
      value: decodeString(bytes, value.tag),
      canon: canonicalValue(bytes, value.tag),
    });
    const problem = problems ? stringProblem(buf, value) : undefined;
    if (problem) problems?.push(problem);
  }
  return out;
}

/** One-line display form, e.g. `C=LT, O=Acme, CN=Acme Client`. */
export function formatName(attrs: NameAttribute[]): string {
  return attrs.map((a) => `${a.type}=${a.value.replace(/([,+"\\<>;])/g, "\\$1")}`).join(", ");
}

/** The last CN's value (the most specific, RFC 5280 §4.1.2.6 lists names from the root down). */
export function commonName(attrs: NameAttribute[]): string | undefined {
  for (let i = attrs.length - 1; i >= 0; i--) if (attrs[i].type === "CN") return attrs[i].value;
  return undefined;
}

/** The RDNs of a Name, each with its attributes: name constraints compare RDN by RDN (RFC 5280 §7.1). */
export function decodeRdns(buf: Uint8Array, name: Tlv): NameAttribute[][] {
  return children(buf, name).map((rdn) => readRdn(buf, rdn, []));
}

export function nameFromDer(der: Uint8Array): NameAttribute[] {
  return decodeName(der, readTlv(der, 0));
}

/** One RDN's comparison key: its attributes as a set (DER sorts a SET OF, so order inside carries no meaning). */
export function rdnKey(rdn: NameAttribute[]): string {
  return rdnKeyFrom(rdn, 0);
}

/**
 * The key of the RDN whose attributes are those of `attrs` from `from` on (the parser keeps one list of a
 * Name's attributes). Almost every RDN holds one attribute: its one-element list, spelled without building it.
 */
function rdnKeyFrom(attrs: NameAttribute[], from: number): string {
  if (attrs.length - from === 1) return `[${JSON.stringify(`${attrs[from].type}=${attrs[from].canon}`)}]`;
  return JSON.stringify(
    attrs
      .slice(from)
      .map((a) => `${a.type}=${a.canon}`)
      .sort(),
  );
}

/**
 * A name's comparison key (RFC 5280 §7.1): equal keys mean the names match. Attributes compare by
 * `canonicalValue`, RDNs in order, the attributes inside one multi-valued RDN as a set. A name that does
 * not decode keys as its bytes, so it only matches itself. The key is remembered per Buffer object (below):
 * never pass a Buffer that will be written to afterwards; pass a copy.
 */
export function nameKey(der: Uint8Array): string {
  let key = keys.get(der);
  if (key === undefined) {
    key = computeNameKey(der);
    keys.set(der, key);
  }
  return key;
}

/**
 * Each name's key, remembered for as long as its bytes are alive: a certificate's subjectDer and issuerDer
 * are its own Buffer objects (views into its DER), never written to, so the key is a property of the
 * object like its length. A CA shared by 10,000 bundles of a run is one cached Certificate (cert-cache.ts), whose names were decoded
 * again up to nine times per bundle. Keyed by identity, it never answers for other bytes, and
 * a WeakMap lets it die with the certificate: nothing outlives a run.
 */
const keys = new WeakMap<Uint8Array, string>();

function computeNameKey(der: Uint8Array): string {
  try {
    return keyOfRdns(decodeRdns(der, readTlv(der, 0)));
  } catch {
    return `raw:${Buffer.from(der).toString("hex")}`;
  }
}

const keyOfRdns = (rdns: NameAttribute[][]) => JSON.stringify(rdns.map(rdnKey));

/**
 * `decodeName` for the parser, which also hands the Name's key to `nameKey` for `der`, the Buffer of the
 * Name's own bytes: the chain analysis asks for the key of every subject and issuer, and decoded each
 * Name a second time to get it. The attributes are those of the RDNs in order, as decodeName
 * gives them, and the key is what computeNameKey would compute from the same bytes. What the attributes'
 * string types break is appended to `problems`, attribute by attribute in the Name's order.
 */
export function decodeNameWithKey(buf: Uint8Array, name: Tlv, der: Uint8Array, problems: string[]): NameAttribute[] {
  const rdns = children(buf, name);
  const attrs: NameAttribute[] = [];
  const rdnKeys: string[] = [];
  for (let i = 0; i < rdns.length; i++) {
    const from = attrs.length;
    readRdn(buf, rdns[i], attrs, problems);
    rdnKeys.push(rdnKeyFrom(attrs, from));
  }
  keys.set(der, JSON.stringify(rdnKeys));
  return attrs;
}

/** Whether two encoded Names are the same name (identical bytes, or equal `nameKey`s). */
export function namesMatch(a: Buffer, b: Buffer): boolean {
  return a.equals(b) || nameKey(a) === nameKey(b);
}
