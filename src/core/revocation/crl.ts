// A CRL (RFC 5280 §5) read with our own bounded DER reader, every entry included: @peculiar/x509's reader
// stopped after a fixed number of ASN.1 nodes and dropped the entries of a CRL without nextUpdate. The
// outline (issuer, times) must read or the CRL is refused outright; a defect further in (version rules,
// an unknown critical extension, an entry that is not DER) leaves the CRL readable but `unusable`, with
// the reason, so that it can never answer "good" or "revoked" and the message can still say which CRL.
import { type KeyObject, verify } from "node:crypto";
import { signatureAlgorithmName, signatureHash } from "../x509/algorithms.js";
import {
  children,
  content,
  DerError,
  decodeOid,
  decodeTime,
  integerBytes,
  readTlv,
  type Tlv,
  toHex,
  whole,
} from "../x509/der.js";
import { nameKey } from "../x509/names.js";
import { CrlError, extensionParts } from "./crl-der.js";
import { readCrlExtensions } from "./crl-extensions.js";

export { CrlError } from "./crl-der.js";

import { type GeneralNameKey, generalNameKeys, type IssuingDistributionPoint } from "./general-names.js";

/** CRLReason codes (RFC 5280 §5.3.1) by number; 7 is not used. */
export const CRL_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "unused",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
];
export const REMOVE_FROM_CRL = 8;

const ENTRY = {
  reasonCode: "2.5.29.21",
  holdInstructionCode: "2.5.29.23",
  invalidityDate: "2.5.29.24",
  certificateIssuer: "2.5.29.29",
};
const KNOWN_ENTRY_EXTENSIONS = new Set(Object.values(ENTRY));

export interface CrlEntry {
  revocationDate: Date;
  /** CRLReason code (RFC 5280 §5.3.1), when the entry has one */
  reason?: number;
}

export interface Crl {
  der: Buffer;
  tbs: Tlv;
  signatureOid: string;
  signatureValue: Buffer;
  issuerDer: Buffer;
  /** the issuer's comparison key (RFC 5280 §7.1) */
  issuerKey: string;
  thisUpdate: Date;
  /** absent in a CRL that breaks RFC 5280 §5.1.2.5 */
  nextUpdate?: Date;
  crlNumber?: bigint;
  /** set on a delta CRL (RFC 5280 §5.2.4): the CRL number of the complete CRL it updates */
  baseCrlNumber?: bigint;
  idp?: IssuingDistributionPoint;
  /** DER of the IDP extension's value: a delta CRL applies to a complete CRL of the same scope */
  idpHex?: string;
  authorityKeyId?: string;
  /** why the CRL cannot be used at all, if it cannot */
  unusable?: string;
  /** entries by `${certificate issuer key}|${serial}` (the issuer differs from the CRL's only in an indirect CRL) */
  entries: Map<string, CrlEntry>;
}

/** Reads a DER CertificateList; throws CrlError when not even its issuer and dates can be read. */
export function parseCrl(der: Buffer): Crl {
  try {
    return readCrl(der);
  } catch (err) {
    if (err instanceof DerError || err instanceof CrlError) throw new CrlError(`it is not a DER CRL (${err.message})`);
    throw err;
  }
}

function readCrl(der: Buffer): Crl {
  const top = readTlv(der, 0);
  if (top.tag !== 0x30 || top.end !== der.length) throw new CrlError("not a single DER SEQUENCE");
  const [tbs, alg, sig, extra] = children(der, top);
  if (tbs?.tag !== 0x30 || alg?.tag !== 0x30 || sig?.tag !== 0x03 || extra) throw new CrlError("not a CRL structure");
  const fields = children(der, tbs);
  const version = fields[0]?.tag === 0x02 ? fields.shift() : undefined;
  const [innerAlg, issuer, thisUpdate, ...rest] = fields;
  if (innerAlg?.tag !== 0x30 || issuer?.tag !== 0x30 || !isTime(thisUpdate))
    throw new CrlError("the TBSCertList is missing fields");
  const issuerDer = Buffer.from(whole(der, issuer));
  const crl: Crl = {
    der,
    tbs,
    signatureOid: decodeOid(content(der, children(der, alg)[0] ?? alg)),
    signatureValue: Buffer.from(content(der, sig).subarray(1)),
    issuerDer,
    issuerKey: nameKey(issuerDer),
    thisUpdate: decodeTime(der, thisUpdate),
    nextUpdate: isTime(rest[0]) ? decodeTime(der, rest.shift() as Tlv) : undefined,
    entries: new Map(),
  };
  const revoked = rest[0]?.tag === 0x30 ? rest.shift() : undefined;
  const extensions = rest[0]?.tag === 0xa0 ? rest.shift() : undefined;
  try {
    if (rest.length > 0) throw new CrlError("the TBSCertList has unexpected fields");
    if (content(der, sig)[0] !== 0) throw new CrlError("the signature BIT STRING has unused bits");
    if (Buffer.compare(whole(der, innerAlg), whole(der, alg)) !== 0)
      throw new CrlError("its inner and outer signature algorithms differ (RFC 5280 §5.1.1.2)");
    const v2 = readVersion(der, version);
    if (!v2 && extensions) throw new CrlError("a v1 CRL carries extensions (RFC 5280 §5.1.2.1)");
    if (extensions) Object.assign(crl, readCrlExtensions(der, extensions, issuerDer));
    if (revoked) readEntries(crl, revoked, v2);
  } catch (err) {
    if (!(err instanceof CrlError || err instanceof DerError)) throw err;
    crl.unusable = err instanceof DerError ? `it is not DER (${err.message})` : err.message;
  }
  return crl;
}

const isTime = (t?: Tlv) => t?.tag === 0x17 || t?.tag === 0x18;

/** RFC 5280 §5.1.2.1: absent means v1; when present it MUST be v2 (INTEGER 1). */
function readVersion(der: Buffer, version?: Tlv): boolean {
  if (!version) return false;
  const bytes = integerBytes(der, version);
  if (bytes.length !== 1 || bytes[0] !== 1) throw new CrlError(`its version field is ${toHex(bytes)}, not v2`);
  return true;
}

/**
 * Every revokedCertificates entry, strictly: serial (DER INTEGER), date, and extensions only in a v2 CRL.
 * In an indirect CRL each entry's certificate issuer is the last certificateIssuer seen (RFC 5280 §5.3.3).
 */
function readEntries(crl: Crl, list: Tlv, v2: boolean): void {
  const { der } = crl;
  let issuerKeys = [crl.issuerKey];
  for (const entry of children(der, list)) {
    const [serial, date, extensions, extra] = children(der, entry);
    if (entry.tag !== 0x30 || serial?.tag !== 0x02 || !isTime(date) || extra || (extensions && extensions.tag !== 0x30))
      throw new CrlError("a revoked entry is not a serial number and a date");
    if (extensions && !v2) throw new CrlError("a v1 CRL carries CRL-entry extensions (RFC 5280 §5.1.2.1)");
    const found: CrlEntry = { revocationDate: decodeTime(der, date) };
    if (extensions) issuerKeys = readEntryExtensions(der, extensions, found) ?? issuerKeys;
    const number = signedSerial(integerBytes(der, serial));
    for (const key of issuerKeys) crl.entries.set(`${key}|${number}`, found);
  }
}

/** Fills reason; returns the certificateIssuer names when the entry names one. */
function readEntryExtensions(der: Buffer, list: Tlv, entry: CrlEntry): string[] | undefined {
  let issuers: string[] | undefined;
  const seen = new Set<string>();
  for (const ext of children(der, list)) {
    const { oid, critical, value } = extensionParts(der, ext);
    if (seen.has(oid)) throw new CrlError(`a CRL entry repeats the extension ${oid}`);
    seen.add(oid);
    if (critical && !KNOWN_ENTRY_EXTENSIONS.has(oid))
      throw new CrlError(`a CRL entry has an unknown critical extension ${oid} (RFC 5280 §5.3)`);
    if (oid === ENTRY.reasonCode) entry.reason = readReason(value);
    if (oid === ENTRY.certificateIssuer) issuers = generalNameKeys(value, readTlv(value, 0)).map(directoryKey);
  }
  return issuers;
}

/** An entry's certificateIssuer compares with a certificate's issuer field, so only directory names count. */
const directoryKey = (key: GeneralNameKey) => (key.startsWith("dn:") ? key.slice(3) : key);

function readReason(value: Buffer): number {
  const t = readTlv(value, 0);
  if (t.tag !== 0x0a || t.end !== value.length || t.end - t.contentStart !== 1)
    throw new CrlError("a reasonCode is not an ENUMERATED");
  const code = value[t.contentStart];
  if (code === 7 || code > 10) throw new CrlError(`a reasonCode ${code} is not defined`);
  return code;
}

/** Hashes node:crypto needs for CRL signatures the certificate table leaves to OpenSSL. */
const CRL_HASHES: Record<string, string> = {
  "1.2.840.10040.4.3": "sha1",
  "2.16.840.1.101.3.4.3.2": "sha256",
  "1.2.840.113549.1.1.14": "sha224",
  "1.2.840.10045.4.3.1": "sha224",
};

/** Whether `key` made the CRL's signature (RSA PKCS#1 v1.5, ECDSA, EdDSA, DSA). */
export function crlSignedBy(crl: Crl, key: KeyObject): boolean {
  // null is a real answer (EdDSA hashes inside the algorithm), so only undefined falls back to the table.
  const known = signatureHash(crl.signatureOid);
  const hash = known !== undefined ? known : CRL_HASHES[crl.signatureOid];
  if (hash === undefined)
    throw new CrlError(`its signature algorithm ${signatureAlgorithmName(crl.signatureOid)} is not supported`);
  // The CRL files of a run are parsed once and judged for every bundle: each signature is checked once.
  let byKey = verified.get(crl);
  const seen = byKey?.get(key);
  if (seen !== undefined) return seen;
  let ok: boolean;
  try {
    ok = verify(hash, whole(crl.der, crl.tbs), key, crl.signatureValue);
  } catch {
    ok = false;
  }
  if (!byKey) {
    byKey = new WeakMap();
    verified.set(crl, byKey);
  }
  byKey.set(key, ok);
  return ok;
}

const verified = new WeakMap<Crl, WeakMap<KeyObject, boolean>>();

/**
 * A serial's INTEGER content as hex with the sign kept and redundant sign octets dropped: 00 FF (255) and
 * FF (-1) are different serials (PKITS 4.4.14), which the display spelling of ../x509/serial.ts merges.
 */
export function signedSerial(bytes: Uint8Array): string {
  let i = 0;
  while (
    i < bytes.length - 1 &&
    ((bytes[i] === 0 && !(bytes[i + 1] & 0x80)) || (bytes[i] === 0xff && bytes[i + 1] & 0x80))
  )
    i++;
  return Buffer.from(bytes.subarray(i)).toString("hex");
}

/** The entry for a certificate, by its issuer's comparison key and its serial's INTEGER content. */
export function findCrlEntry(crl: Crl, issuerKey: string, serialBytes: Uint8Array): CrlEntry | undefined {
  return crl.entries.get(`${issuerKey}|${signedSerial(serialBytes)}`);
}
