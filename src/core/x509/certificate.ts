import { createPublicKey, hash, type KeyObject, X509Certificate } from "node:crypto";
import { signatureAlgorithmName } from "./algorithms.js";
import { children, content, decodeOid, decodeTime, integerBytes, readTlv, type Tlv, view } from "./der.js";
import { type DerDefect, DerDefects } from "./der-defects.js";
import { type ExtensionFacts, type ExtensionInfo, readExtensionFacts, readExtensions } from "./extensions.js";
import { nameStringProblems } from "./name-strings.js";
import { commonName, decodeNameWithKey, formatName } from "./names.js";
import { describeKey, describeSpki, exponentBitsOf, type KeyInfo, rsaExponentBits } from "./public-key.js";
import { serialHex } from "./serial.js";

export type { ExtensionInfo } from "./extensions.js";

/** Everything the rules need to know about one certificate, read once. */
export interface Certificate extends ExtensionFacts {
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
  /** hex, in the one spelling of ./serial.ts */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
  signatureAlgorithm: { oid: string; name: string };
  key: KeyInfo;
  /** bits of the RSA public exponent (65537 has 17); absent for other keys */
  rsaExponentBits?: number;
  extensions: ExtensionInfo[];
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
  /** what breaks DER or RFC 5280 yet left the rest readable; a fatal one means OpenSSL would not use it */
  defects: DerDefect[];
}

export class CertificateParseError extends Error {}

/** `CN=…`, or the whole subject when there is no CN: how messages name a certificate. */
export function certLabel(cert: Certificate): string {
  return cert.subjectCN ? `CN=${cert.subjectCN}` : cert.subject;
}

/**
 * Reads one DER certificate. Pure: every call builds a new object; a run that wants to parse a repeated
 * certificate once uses its own CertCache (./cert-cache.ts), never a process-wide one.
 */
export function parseCertificate(der: Buffer): Certificate {
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

const HEX_PAIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, "0"));

/**
 * `AB:CD:…` of the SHA-256, from a table rather than hex, upper case and a regex split per certificate;
 * the one-shot hash skips the Hash object's setup (Node >= 20.12, package.json asks for 20.19).
 */
function fingerprint(der: Buffer): string {
  const digest = hash("sha256", der, "buffer");
  let out = HEX_PAIRS[digest[0]];
  for (let i = 1; i < digest.length; i++) out += `:${HEX_PAIRS[digest[i]]}`;
  return out;
}

/** The tbsCertificate fields after the optional version, named (RFC 5280 §4.1). */
interface TbsFields {
  version: number;
  serial: Tlv;
  issuer: Tlv;
  validity: Tlv;
  subject: Tlv;
  spki: Tlv;
  rest: Tlv[];
}

function tbsFields(der: Buffer, tbs: Tlv): TbsFields {
  let fields = children(der, tbs);
  let version = 1;
  // The version is an optional explicit [0] tag; v1 certificates omit it.
  if (fields[0]?.tag === 0xa0) {
    const [v] = children(der, fields[0]);
    version = (der[v.end - 1] ?? 0) + 1;
    fields = fields.slice(1);
  }
  if (fields.length < 6) throw new Error("tbsCertificate is missing fields");
  const [serial, , issuer, validity, subject, spki, ...rest] = fields;
  return { version, serial, issuer, validity, subject, spki, rest };
}

// The steps run in the order the first version read the fields, so a malformed certificate is refused
// with the same message as before.
function readFacts(der: Buffer): Certificate {
  const { tbs, alg, sig } = outline(der);
  const f = tbsFields(der, tbs);
  const explicitCurve = hasExplicitCurve(der, f.spki);
  const algorithm = signatureAlgorithm(der, alg);
  const [nb, na] = children(der, f.validity);
  const named = names(der, f);
  const d = versionDefects(der, tbs, f.version);
  const extensions = readExtensions(
    der,
    f.rest.find((t) => t.tag === 0xa3),
    d,
  );
  // The byte fields are views into `der`, which the certificate keeps anyway and nothing writes to.
  const spkiDer = view(der, f.spki.start, f.spki.end);
  const serialBytes = view(d.read("serial", () => integerBytes(der, f.serial), content(der, f.serial)));
  // Object.assign, not a spread: spreading would run the lazy getters of lazyViews.
  const cert: Certificate = Object.assign(lazyViews(der, spkiDer), {
    spkiDer,
    tbsDer: view(der, tbs.start, tbs.end),
    // An empty BIT STRING has no unused-bits octet to skip.
    signatureValue: view(der, Math.min(sig.contentStart + 1, sig.end), sig.end),
    ...named,
    serialNumber: serialHex(serialBytes),
    serialBytes,
    version: f.version,
    notBefore: d.read("notBefore", () => decodeTime(der, nb), new Date(0)),
    notAfter: d.read("notAfter", () => decodeTime(der, na), new Date(0)),
    fingerprintSha256: fingerprint(der),
    signatureAlgorithm: algorithm,
    key: { algorithm: "unknown" },
    extensions,
    ...readExtensionFacts(extensions, d),
    defects: d.list,
  });
  for (const field of ["issuer", "subject"] as const)
    for (const problem of nameStringProblems(der, f[field])) d.note(field, problem);
  const key = describeSpki(spkiDer) ?? describeKey(cert.publicKey);
  cert.key = explicitCurve ? { ...key, explicitParameters: true } : key;
  if (key.algorithm === "RSA") cert.rsaExponentBits = rsaExponentBits(spkiDer) ?? exponentBitsOf(cert.publicKey);
  return cert;
}

/** A new defect list, with the version's: X.690 §11.5 leaves the DEFAULT v1 out (OpenSSL loads it spelled out, BoringSSL refuses it). */
function versionDefects(der: Buffer, tbs: Tlv, version: number): DerDefects {
  const d = new DerDefects();
  if (version === 1 && der[tbs.contentStart] === 0xa0)
    d.note("version", "v1 is spelled out (DEFAULT, which DER leaves out)");
  return d;
}

/** `der`, and the node:crypto objects built from it on first use only. */
function lazyViews(der: Buffer, spkiDer: Buffer): Pick<Certificate, "der" | "native" | "publicKey"> {
  let native: X509Certificate | undefined;
  let publicKey: KeyObject | undefined;
  return {
    der,
    get native() {
      native ??= new X509Certificate(der);
      return native;
    },
    get publicKey() {
      publicKey ??= createPublicKey({ key: spkiDer, format: "der", type: "spki" });
      return publicKey;
    },
  };
}

function names(der: Buffer, f: TbsFields) {
  const subjectDer = view(der, f.subject.start, f.subject.end);
  const issuerDer = view(der, f.issuer.start, f.issuer.end);
  const subjectAttrs = decodeNameWithKey(der, f.subject, subjectDer);
  const issuerAttrs = decodeNameWithKey(der, f.issuer, issuerDer);
  return {
    subject: formatName(subjectAttrs),
    subjectCN: commonName(subjectAttrs),
    issuer: formatName(issuerAttrs),
    issuerCN: commonName(issuerAttrs),
    subjectDer,
    issuerDer,
  };
}

function signatureAlgorithm(der: Buffer, alg: Tlv): { oid: string; name: string } {
  const [outerAlg] = children(der, alg);
  const oid = decodeOid(content(der, outerAlg));
  return { oid, name: signatureAlgorithmName(oid) };
}

/** id-ecPublicKey parameters: a named-curve OID, or (forbidden by RFC 5480 §2.1.1) an explicit SEQUENCE. */
function hasExplicitCurve(der: Buffer, spki: Tlv): boolean {
  const [spkiAlg] = children(der, spki);
  return children(der, spkiAlg)[1]?.tag === 0x30;
}
