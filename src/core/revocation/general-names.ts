// Distribution points (RFC 5280 §4.2.1.13) and issuing distribution points (§5.2.5), read into what
// CRL scope checking compares: names as comparison keys, reasons as a bit mask.
import { children, content, readTlv, type Tlv } from "../x509/der.js";
import { nameKey } from "../x509/names.js";

/** `dn:<name key>` for a directoryName (compared as RFC 5280 §7.1 says), `t<tag>:<hex>` for any other form. */
export type GeneralNameKey = string;

/** ReasonFlags bits 1–8 (RFC 5280 §4.2.1.13): every reason a CRL can cover, as bits of one number. */
export const ALL_REASONS = 0x1fe;

export interface DistributionPoint {
  /** the distribution point's names, when it has a distributionPoint field */
  names?: GeneralNameKey[];
  /** ReasonFlags as a mask; absent means every reason */
  reasons?: number;
  /** cRLIssuer: who issues this point's CRL, when not the certificate's issuer (an indirect CRL) */
  crlIssuers?: GeneralNameKey[];
}

export interface IssuingDistributionPoint {
  names?: GeneralNameKey[];
  onlyUserCerts: boolean;
  onlyCaCerts: boolean;
  onlyAttributeCerts: boolean;
  onlySomeReasons?: number;
  indirect: boolean;
}

/** The keys of a GeneralNames SEQUENCE (or of the implicitly tagged fields that hold one). */
export function generalNameKeys(buf: Buffer, list: Tlv): GeneralNameKey[] {
  return children(buf, list).map((name) => {
    if (name.tag === 0xa4) {
      const inner = children(buf, name)[0];
      if (inner?.tag !== 0x30) throw new Error("a directoryName holds no Name");
      return `dn:${nameKey(Buffer.from(buf.subarray(inner.start, inner.end)))}`;
    }
    return `t${name.tag}:${Buffer.from(content(buf, name)).toString("hex")}`;
  });
}

export const directoryName = (nameDer: Buffer): GeneralNameKey => `dn:${nameKey(nameDer)}`;

/**
 * A DistributionPointName: fullName ([0] GeneralNames), or nameRelativeToCRLIssuer ([1] an RDN added to
 * `base`, the CRL issuer's name, RFC 5280 §4.2.1.13).
 */
function pointNames(buf: Buffer, wrapper: Tlv, base: Buffer): GeneralNameKey[] {
  const choice = children(buf, wrapper)[0];
  if (choice?.tag === 0xa0) return generalNameKeys(buf, choice);
  if (choice?.tag !== 0xa1) throw new Error("a distribution point name is neither fullName nor relative");
  const rdn = Buffer.concat([Buffer.from([0x31]), buf.subarray(choice.start + 1, choice.end)]);
  const top = readTlv(base, 0);
  return [directoryName(sequence(Buffer.concat([base.subarray(top.contentStart, top.end), rdn])))];
}

function sequence(body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([0x30, ...len]), body]);
}

/** ReasonFlags (a BIT STRING) as a mask of bits numbered from the most significant bit of the first octet. */
function reasonMask(buf: Buffer, bits: Tlv): number {
  const bytes = content(buf, bits).subarray(1);
  let mask = 0;
  for (let bit = 0; bit < 9; bit++) if ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) mask |= 1 << bit;
  return mask;
}

/**
 * A certificate's cRLDistributionPoints extension value. A relative name is relative to the point's
 * cRLIssuer when it has one, else to the certificate's issuer (`issuer`).
 */
export function readDistributionPoints(value: Buffer, issuer: Buffer): DistributionPoint[] {
  return children(value, readTlv(value, 0)).map((dp) => {
    const point: DistributionPoint = {};
    const fields = children(value, dp);
    const crlIssuer = fields.find((f) => f.tag === 0xa2);
    if (crlIssuer) point.crlIssuers = generalNameKeys(value, crlIssuer);
    const issuerDn = crlIssuer && children(value, crlIssuer).find((n) => n.tag === 0xa4);
    const base = issuerDn ? Buffer.from(value.subarray(children(value, issuerDn)[0].start, issuerDn.end)) : issuer;
    for (const f of fields) {
      if (f.tag === 0xa0) point.names = pointNames(value, f, base);
      else if (f.tag === 0x81) point.reasons = reasonMask(value, f);
      else if (f.tag !== 0xa2) throw new Error("a distribution point has an unknown field");
    }
    return point;
  });
}

const flag = (buf: Buffer, t: Tlv) => {
  if (t.end - t.contentStart !== 1 || buf[t.contentStart] !== 0xff)
    throw new Error("an issuingDistributionPoint flag is not DER TRUE (DEFAULT FALSE is left out)");
  return true;
};

/** The issuingDistributionPoint extension value of a CRL issued by `crlIssuer`. */
export function readIssuingDistributionPoint(value: Buffer, crlIssuer: Buffer): IssuingDistributionPoint {
  const idp: IssuingDistributionPoint = {
    onlyUserCerts: false,
    onlyCaCerts: false,
    onlyAttributeCerts: false,
    indirect: false,
  };
  let last = -1;
  for (const f of children(value, readTlv(value, 0))) {
    const number = f.tag & 0x1f;
    if (number <= last) throw new Error("issuingDistributionPoint fields are out of order");
    last = number;
    if (f.tag === 0xa0) idp.names = pointNames(value, f, crlIssuer);
    else if (f.tag === 0x81) idp.onlyUserCerts = flag(value, f);
    else if (f.tag === 0x82) idp.onlyCaCerts = flag(value, f);
    else if (f.tag === 0x83) idp.onlySomeReasons = reasonMask(value, f);
    else if (f.tag === 0x84) idp.indirect = flag(value, f);
    else if (f.tag === 0x85) idp.onlyAttributeCerts = flag(value, f);
    else throw new Error("an issuingDistributionPoint has an unknown field");
  }
  if (Number(idp.onlyUserCerts) + Number(idp.onlyCaCerts) + Number(idp.onlyAttributeCerts) > 1)
    throw new Error("an issuingDistributionPoint asserts more than one only… flag (RFC 5280 §5.2.5)");
  return idp;
}
