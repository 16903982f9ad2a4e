// A CRL (RFC 5280 §5.1) read with our own bounded DER reader. @peculiar/x509's reader stopped after a fixed
// number of ASN.1 nodes (a revoked leaf on a CRL of a few thousand entries came back "unavailable") and
// dropped every entry of a CRL without nextUpdate; this one walks the entries as flat TLVs, so any CRL
// the fetch size cap lets through is read in one pass.
import { type KeyObject, verify } from "node:crypto";
import { signatureAlgorithmName, signatureHash } from "../x509/algorithms.js";
import { children, content, DerError, decodeOid, decodeTime, readTlv, type Tlv, whole } from "../x509/der.js";
import { normaliseSerial, serialHex } from "../x509/serial.js";

const REASON_CODE = "2.5.29.21";
const DELTA_CRL_INDICATOR = "2.5.29.27";
const ISSUING_DISTRIBUTION_POINT = "2.5.29.28";
const CRL_NUMBER = "2.5.29.20";
const AUTHORITY_KEY_ID = "2.5.29.35";
/** CRL extensions whose criticality we may accept (RFC 5280 §5.2); any other critical one makes the CRL unusable. */
const UNDERSTOOD = new Set([ISSUING_DISTRIBUTION_POINT, CRL_NUMBER, AUTHORITY_KEY_ID]);

export class CrlError extends Error {}

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
  thisUpdate: Date;
  /** absent in a CRL that breaks RFC 5280 §5.1.2.5; its entries are read all the same */
  nextUpdate?: Date;
  /** the revokedCertificates SEQUENCE, absent when nothing is revoked */
  revoked?: Tlv;
}

/** Reads the CertificateList outline and the TBSCertList fields; entries are walked on lookup. */
export function parseCrl(der: Buffer): Crl {
  try {
    return readOutline(der);
  } catch (err) {
    if (err instanceof DerError || err instanceof CrlError) throw new CrlError(`it is not a DER CRL (${err.message})`);
    throw err;
  }
}

function readOutline(der: Buffer): Crl {
  const top = readTlv(der, 0);
  if (top.tag !== 0x30 || top.end !== der.length) throw new CrlError("not a single DER SEQUENCE");
  const [tbs, alg, sig, extra] = children(der, top);
  if (tbs?.tag !== 0x30 || alg?.tag !== 0x30 || sig?.tag !== 0x03 || extra) throw new CrlError("not a CRL structure");
  const fields = children(der, tbs);
  // version is present (v2) only when extensions are used (§5.1.2.1).
  if (fields[0]?.tag === 0x02) fields.shift();
  const [, issuer, thisUpdate, ...rest] = fields;
  if (issuer?.tag !== 0x30 || !thisUpdate) throw new CrlError("the TBSCertList is missing fields");
  const nextUpdate = isTime(rest[0]) ? rest.shift() : undefined;
  const revoked = rest[0]?.tag === 0x30 ? rest.shift() : undefined;
  const extensions = rest[0]?.tag === 0xa0 ? rest.shift() : undefined;
  if (rest.length > 0) throw new CrlError("the TBSCertList has unexpected fields");
  checkCrlExtensions(der, extensions);
  const bits = content(der, sig);
  if (bits[0] !== 0) throw new CrlError("the signature BIT STRING has unused bits");
  return {
    der,
    tbs,
    signatureOid: decodeOid(content(der, children(der, alg)[0] ?? alg)),
    signatureValue: Buffer.from(bits.subarray(1)),
    issuerDer: Buffer.from(whole(der, issuer)),
    thisUpdate: decodeTime(der, thisUpdate),
    nextUpdate: nextUpdate && decodeTime(der, nextUpdate),
    revoked,
  };
}

const isTime = (t?: Tlv) => t?.tag === 0x17 || t?.tag === 0x18;

/** A delta CRL or an unknown critical extension changes what absence from the list means (§5.2, §5.2.4). */
function checkCrlExtensions(der: Buffer, wrapper?: Tlv): void {
  if (!wrapper) return;
  for (const ext of children(der, children(der, wrapper)[0] ?? wrapper)) {
    const [id, second] = children(der, ext);
    const oid = decodeOid(content(der, id));
    if (oid === DELTA_CRL_INDICATOR) throw new CrlError("it is a delta CRL, not a complete one");
    const critical = second?.tag === 0x01 && der[second.contentStart] !== 0;
    if (critical && !UNDERSTOOD.has(oid)) throw new CrlError(`it has an unknown critical extension ${oid}`);
  }
}

/** Whether `key` made the CRL's signature (RSA PKCS#1 v1.5, ECDSA, Ed25519: what CAs sign CRLs with). */
export function crlSignedBy(crl: Crl, key: KeyObject): boolean {
  const hash = signatureHash(crl.signatureOid);
  if (hash === undefined)
    throw new CrlError(`its signature algorithm ${signatureAlgorithmName(crl.signatureOid)} is not supported`);
  try {
    return verify(hash, whole(crl.der, crl.tbs), key, crl.signatureValue);
  } catch {
    return false;
  }
}

/** The entry for `serial` (hex, any spelling), reading only that entry's date and reason. */
export function findCrlEntry(crl: Crl, serial: string): CrlEntry | undefined {
  if (!crl.revoked) return undefined;
  const { der } = crl;
  const wanted = normaliseSerial(serial);
  try {
    for (const entry of children(der, crl.revoked)) {
      const number = readTlv(der, entry.contentStart, entry.end);
      if (number.tag !== 0x02) throw new CrlError("a revoked entry has no serial number");
      if (serialHex(content(der, number)) !== wanted) continue;
      const [, date, extensions] = children(der, entry);
      return { revocationDate: decodeTime(der, date), reason: reasonCode(der, extensions) };
    }
  } catch (err) {
    if (err instanceof DerError) throw new CrlError(`a revoked entry is not DER (${err.message})`);
    throw err;
  }
  return undefined;
}

function reasonCode(der: Buffer, extensions?: Tlv): number | undefined {
  if (extensions?.tag !== 0x30) return undefined;
  for (const ext of children(der, extensions)) {
    const parts = children(der, ext);
    if (decodeOid(content(der, parts[0])) !== REASON_CODE) continue;
    const value = Buffer.from(content(der, parts[parts.length - 1]));
    const enumerated = readTlv(value, 0);
    return enumerated.tag === 0x0a ? value[enumerated.end - 1] : undefined;
  }
  return undefined;
}
