import { createHash, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import { children, content, decodeOid, decodeTime, readTlv, type Tlv, toHex, whole } from "./der.js";
import { Memo } from "./memo.js";
import { commonName, decodeName, formatName } from "./names.js";
import { signatureAlgorithmName } from "./oids.js";
import { describeKey, describeSpki, type KeyInfo } from "./public-key.js";

/** Everything the rules need to know about one certificate, read once. */
export interface Certificate {
  der: Buffer;
  /** node:crypto's view, built on first use only: constructing it costs more than all our own parsing */
  readonly native: X509Certificate;
  /** the subject public key, built on first use */
  readonly publicKey: KeyObject;
  spkiDer: Buffer;
  tbsDer: Buffer;
  signatureValue: Buffer;
  subject: string;
  subjectCN?: string;
  issuer: string;
  issuerCN?: string;
  /** DER of the Name fields, compared byte for byte to link issuers. */
  subjectDer: Buffer;
  issuerDer: Buffer;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
  signatureAlgorithm: { oid: string; name: string };
  key: KeyInfo;
  extensions: ExtensionInfo[];
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** RFC 5280 §4.2.1.3 bit names that are set. */
  keyUsage?: string[];
  extKeyUsage?: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** Authority Information Access URLs (RFC 5280 §4.2.2.1) */
  aia: { ocsp: string[]; caIssuers: string[] };
  /** URIs of the CRL distribution points (RFC 5280 §4.2.1.13) */
  crlDistributionPoints: string[];
  /** dNSName entries of the subject alternative name */
  sanDns: string[];
  /** 1 or 3 (RFC 5280 §4.1.2.1) */
  version: number;
  /** the serial's DER content, sign included (RFC 5280 §4.1.2.2) */
  serialBytes: Buffer;
}

export interface ExtensionInfo {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export const OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  crlDistributionPoints: "2.5.29.31",
  subjectAltName: "2.5.29.17",
} as const;

const AIA_OCSP = "1.3.6.1.5.5.7.48.1";
const AIA_CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

export class CertificateParseError extends Error {}

/** `CN=…`, or the whole subject when there is no CN: how messages name a certificate. */
export function certLabel(cert: Certificate): string {
  return cert.subjectCN ? `CN=${cert.subjectCN}` : cert.subject;
}

const parsedCas = new Memo<Certificate>();

export function parseCertificate(der: Buffer): Certificate {
  const key = der.toString("latin1");
  const known = parsedCas.get(key);
  if (known) return known;
  const cert = parseUncached(der);
  if (cert.basicConstraints?.ca) parsedCas.set(key, cert);
  return cert;
}

function parseUncached(der: Buffer): Certificate {
  try {
    return readFacts(der);
  } catch (err) {
    throw new CertificateParseError(`not an X.509 certificate (${(err as Error).message})`);
  }
}

/** Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }. */
function outline(der: Buffer): { tbs: Tlv; alg: Tlv; sig: Tlv } {
  const top = readTlv(der, 0);
  if (top.tag !== 0x30 || top.end !== der.length) throw new Error("not a single DER SEQUENCE");
  const [tbs, alg, sig, extra] = children(der, top);
  if (tbs?.tag !== 0x30 || alg?.tag !== 0x30 || sig?.tag !== 0x03 || extra)
    throw new Error("not a certificate structure");
  return { tbs, alg, sig };
}

function fingerprint(der: Buffer): string {
  return (createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g) ?? []).join(":");
}

function tbsFields(der: Buffer): { version: number; fields: Tlv[] } {
  const cert = readTlv(der, 0);
  const [tbs] = children(der, cert);
  const fields = children(der, tbs);
  // The version is an optional explicit [0] tag; v1 certificates omit it.
  if (fields[0]?.tag !== 0xa0) return { version: 1, fields };
  const [v] = children(der, fields[0]);
  return { version: (der[v.end - 1] ?? 0) + 1, fields: fields.slice(1) };
}

function readFacts(der: Buffer): Certificate {
  const { tbs, alg, sig } = outline(der);
  const { version, fields } = tbsFields(der);
  if (fields.length < 6) throw new Error("tbsCertificate is missing fields");
  const [serial, , issuer, validity, subject, spki, ...rest] = fields;
  const [spkiAlg] = children(der, spki);
  // id-ecPublicKey parameters: a named-curve OID, or (forbidden by RFC 5480) an explicit SEQUENCE.
  const explicitCurve = children(der, spkiAlg)[1]?.tag === 0x30;
  const [outerAlg] = children(der, alg);
  const sigOid = decodeOid(content(der, outerAlg));
  const [nb, na] = children(der, validity);
  const subjectAttrs = decodeName(der, subject);
  const issuerAttrs = decodeName(der, issuer);
  const extensions = readExtensions(
    der,
    rest.find((t) => t.tag === 0xa3),
  );
  let native: X509Certificate | undefined;
  let publicKey: KeyObject | undefined;
  const spkiDer = Buffer.from(whole(der, spki));
  const cert: Certificate = {
    der,
    get native() {
      native ??= new X509Certificate(der);
      return native;
    },
    get publicKey() {
      publicKey ??= createPublicKey({ key: spkiDer, format: "der", type: "spki" });
      return publicKey;
    },
    spkiDer,
    tbsDer: Buffer.from(whole(der, tbs)),
    signatureValue: Buffer.from(content(der, sig).subarray(1)),
    subject: formatName(subjectAttrs),
    subjectCN: commonName(subjectAttrs),
    issuer: formatName(issuerAttrs),
    issuerCN: commonName(issuerAttrs),
    subjectDer: Buffer.from(whole(der, subject)),
    issuerDer: Buffer.from(whole(der, issuer)),
    serialNumber: toHex(content(der, serial))
      .replace(/^(00)+(?=.)/, "")
      .toUpperCase(),
    serialBytes: Buffer.from(content(der, serial)),
    version,
    notBefore: decodeTime(der, nb),
    notAfter: decodeTime(der, na),
    fingerprintSha256: fingerprint(der),
    signatureAlgorithm: { oid: sigOid, name: signatureAlgorithmName(sigOid) },
    key: { algorithm: "unknown" },
    extensions,
    aia: { ocsp: [], caIssuers: [] },
    crlDistributionPoints: [],
    sanDns: [],
  };
  applyExtensions(cert, extensions);
  const key = describeSpki(spkiDer) ?? describeKey(cert.publicKey);
  cert.key = explicitCurve ? { ...key, explicitParameters: true } : key;
  return cert;
}

function readExtensions(der: Buffer, wrapper?: Tlv): ExtensionInfo[] {
  if (!wrapper) return [];
  const [seq] = children(der, wrapper);
  return children(der, seq).map((ext) => {
    const parts = children(der, ext);
    const critical = parts.length === 3 && parts[1].tag === 0x01 && der[parts[1].contentStart] !== 0;
    const value = content(der, parts[parts.length - 1]);
    return { oid: decodeOid(content(der, parts[0])), critical, value };
  });
}

function applyExtensions(cert: Certificate, extensions: ExtensionInfo[]): void {
  const known = new Set<string>(Object.values(OID));
  for (const ext of extensions) {
    // Only extensions we read are parsed: an unknown one may hold anything, even nothing.
    if (!known.has(ext.oid)) continue;
    const v = Buffer.from(ext.value);
    const top = readTlv(v, 0);
    if (ext.oid === OID.basicConstraints) cert.basicConstraints = readBasicConstraints(v, top);
    else if (ext.oid === OID.keyUsage) cert.keyUsage = readKeyUsage(v, top);
    else if (ext.oid === OID.extKeyUsage) cert.extKeyUsage = children(v, top).map((t) => decodeOid(content(v, t)));
    else if (ext.oid === OID.subjectKeyId) cert.subjectKeyId = toHex(content(v, top));
    else if (ext.oid === OID.authorityKeyId) {
      const keyId = children(v, top).find((t) => t.tag === 0x80);
      if (keyId) cert.authorityKeyId = toHex(content(v, keyId));
    } else if (ext.oid === OID.authorityInfoAccess) cert.aia = readAia(v, top);
    else if (ext.oid === OID.crlDistributionPoints) cert.crlDistributionPoints = collectUris(v, top, 0);
    else if (ext.oid === OID.subjectAltName)
      cert.sanDns = children(v, top)
        .filter((t) => t.tag === 0x82)
        .map((t) => Buffer.from(content(v, t)).toString("latin1"));
  }
}

function readBasicConstraints(v: Buffer, top: Tlv): { ca: boolean; pathLength?: number } {
  let ca = false;
  let pathLength: number | undefined;
  for (const t of children(v, top)) {
    if (t.tag === 0x01) ca = v[t.contentStart] !== 0;
    if (t.tag === 0x02) pathLength = Number.parseInt(toHex(content(v, t)) || "0", 16);
  }
  return { ca, pathLength };
}

function readKeyUsage(v: Buffer, top: Tlv): string[] {
  const bytes = content(v, top).subarray(1);
  return KEY_USAGE_BITS.filter((_, i) => {
    const byte = bytes[i >> 3] ?? 0;
    return (byte & (0x80 >> (i & 7))) !== 0;
  });
}

function readAia(v: Buffer, top: Tlv): { ocsp: string[]; caIssuers: string[] } {
  const aia = { ocsp: [] as string[], caIssuers: [] as string[] };
  for (const desc of children(v, top)) {
    const [method, location] = children(v, desc);
    // Only uniformResourceIdentifier ([6] IA5String) locations are usable.
    if (!method || location?.tag !== 0x86) continue;
    const url = Buffer.from(content(v, location)).toString("latin1");
    const oid = decodeOid(content(v, method));
    if (oid === AIA_OCSP) aia.ocsp.push(url);
    if (oid === AIA_CA_ISSUERS) aia.caIssuers.push(url);
  }
  return aia;
}

/** Every URI GeneralName ([6]) below an element: the shape of a distribution point list varies. */
function collectUris(v: Buffer, tlv: Tlv, depth: number): string[] {
  if (tlv.tag === 0x86) return [Buffer.from(content(v, tlv)).toString("latin1")];
  if (!(tlv.tag & 0x20) || depth > 8) return [];
  return children(v, tlv).flatMap((c) => collectUris(v, c, depth + 1));
}
