// CRL extensions (RFC 5280 §5.2): the ones that change what the list means are read; any other that is
// critical makes the CRL unusable (§5.2: "MUST reject … an unrecognized critical extension").
import { children, content, integerBytes, readTlv, type Tlv, toHex } from "../x509/der.js";
import { CrlError, extensionParts } from "./crl-der.js";
import { type IssuingDistributionPoint, readIssuingDistributionPoint } from "./general-names.js";

const CRL_EXT = {
  authorityKeyId: "2.5.29.35",
  issuerAltName: "2.5.29.18",
  crlNumber: "2.5.29.20",
  deltaCrlIndicator: "2.5.29.27",
  issuingDistributionPoint: "2.5.29.28",
  freshestCrl: "2.5.29.46",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
};
const KNOWN = new Set(Object.values(CRL_EXT));

export interface CrlExtensions {
  crlNumber?: bigint;
  baseCrlNumber?: bigint;
  idp?: IssuingDistributionPoint;
  idpHex?: string;
  authorityKeyId?: string;
}

/** The [0] crlExtensions wrapper of a TBSCertList; throws CrlError for what makes the CRL unusable. */
export function readCrlExtensions(der: Buffer, wrapper: Tlv, issuer: Buffer): CrlExtensions {
  const list = children(der, wrapper);
  if (list.length !== 1 || list[0].tag !== 0x30) throw new CrlError("its extensions are not one SEQUENCE");
  const out: CrlExtensions = {};
  const seen = new Set<string>();
  for (const ext of children(der, list[0])) {
    const { oid, critical, value } = extensionParts(der, ext);
    if (seen.has(oid)) throw new CrlError(`it repeats the extension ${oid}`);
    seen.add(oid);
    if (critical && !KNOWN.has(oid)) throw new CrlError(`it has an unknown critical extension ${oid} (RFC 5280 §5.2)`);
    try {
      readOne(oid, value, issuer, out);
    } catch (err) {
      throw err instanceof CrlError
        ? err
        : new CrlError(`its extension ${oid} is malformed (${(err as Error).message})`);
    }
  }
  return out;
}

function readOne(oid: string, value: Buffer, issuer: Buffer, out: CrlExtensions): void {
  if (oid === CRL_EXT.crlNumber) out.crlNumber = readNumber(value);
  else if (oid === CRL_EXT.deltaCrlIndicator) out.baseCrlNumber = readNumber(value);
  else if (oid === CRL_EXT.issuingDistributionPoint) {
    out.idp = readIssuingDistributionPoint(value, issuer);
    out.idpHex = value.toString("hex");
  } else if (oid === CRL_EXT.authorityKeyId) {
    const keyId = children(value, readTlv(value, 0)).find((t) => t.tag === 0x80);
    if (keyId) out.authorityKeyId = toHex(content(value, keyId));
  }
}

/** CRLNumber and BaseCRLNumber: a non-negative INTEGER of at most 20 octets (RFC 5280 §5.2.3). */
function readNumber(value: Buffer): bigint {
  const t = readTlv(value, 0);
  const bytes = integerBytes(value, t);
  if (t.end !== value.length || bytes[0] & 0x80 || bytes.length > 21) throw new CrlError("a CRL number is malformed");
  return BigInt(`0x${toHex(bytes)}`);
}
