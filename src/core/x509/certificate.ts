import { hash, type KeyObject, X509Certificate } from "node:crypto";
import { signatureAlgorithmName } from "./algorithms.js";
import { children, decodeTime, integerBytes, oidAt, readTlv, type Tlv, view } from "./der.js";
import { type DerDefect, DerDefects } from "./der-defects.js";
import {
  type BasicConstraints,
  type ExtensionFacts,
  type ExtensionInfo,
  readExtensionFacts,
  readExtensions,
} from "./extensions.js";
import { commonName, decodeNameWithKey, formatName } from "./names.js";
import { describeKey, exponentBitsOf, type KeyInfo, readSpki } from "./public-key.js";
import { type GeneralName, readSubjectAltNames } from "./san.js";
import { serialHex } from "./serial.js";
import { publicKeyOf } from "./spki-key.js";

export type { ExtensionInfo } from "./extensions.js";

/**
 * Everything the rules need to know about one certificate, read once. A class: every field it declares,
 * present or not, is defined at construction in declaration order (ES2022 class fields), so every
 * certificate has the same hidden class and the rules' and the chain's property reads stay monomorphic (an
 * object built by Object.assign with optional spreads took a different shape per set of extensions, and V8
 * deoptimised the code that read them). The extension readers then write into those fields.
 */
export class Certificate implements ExtensionFacts {
  der: Buffer;
  spkiDer: Buffer;
  tbsDer: Buffer;
  signatureValue: Buffer;
  subject: string;
  subjectCN: string | undefined;
  issuer: string;
  issuerCN: string | undefined;
  /** DER of the Name fields, compared byte for byte to link issuers. */
  subjectDer: Buffer;
  issuerDer: Buffer;
  /** hex, in the one spelling of ./serial.ts */
  serialNumber: string;
  /** the serial's DER content, sign included (RFC 5280 §4.1.2.2) */
  serialBytes: Buffer;
  /** 1 or 3 (RFC 5280 §4.1.2.1) */
  version: number;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
  signatureAlgorithm: { oid: string; name: string };
  key: KeyInfo;
  /** bits of the RSA public exponent (65537 has 17); undefined for other keys */
  rsaExponentBits: number | undefined;
  extensions: ExtensionInfo[];
  basicConstraints: BasicConstraints | undefined;
  keyUsage: string[] | undefined;
  extKeyUsage: string[] | undefined;
  subjectKeyId: string | undefined;
  authorityKeyId: string | undefined;
  authorityCertSerial: string | undefined;
  authorityCertIssuer: Buffer | undefined;
  /** Authority Information Access URLs (RFC 5280 §4.2.2.1) */
  aia: { ocsp: string[]; caIssuers: string[] };
  /** URIs of the CRL distribution points (RFC 5280 §4.2.1.13) */
  crlDistributionPoints: string[];
  /** dNSName entries of the subject alternative name */
  sanDns: string[];
  nsCertType: number | undefined;
  /** what breaks DER or RFC 5280 yet left the rest readable; a fatal one means OpenSSL would not use it */
  defects: DerDefect[];
  // Private fields, so a frozen certificate (the Mozilla roots, root-store.ts) still builds them on first use.
  #native: X509Certificate | undefined = undefined;
  #publicKey: KeyObject | undefined = undefined;
  #altNames: GeneralName[] | Error | undefined = undefined;

  /** Use parseCertificate, which names what went wrong; this throws the reader's own errors. */
  constructor(der: Buffer) {
    const { tbs, sig, f, explicitCurve, algorithm, validity, named, d, extensions } = readOutline(der);
    this.der = der;
    this.signatureAlgorithm = algorithm;
    this.extensions = extensions;
    // The byte fields are views into `der`, which the certificate keeps anyway and nothing writes to.
    this.spkiDer = view(der, f.spki.start, f.spki.end);
    // The content octets either way: a refused serial is a defect and still shown.
    d.read("serial", () => integerBytes(der, f.serial), undefined);
    this.serialBytes = view(der, f.serial.contentStart, f.serial.end);
    this.tbsDer = view(der, tbs.start, tbs.end);
    // An empty BIT STRING has no unused-bits octet to skip.
    this.signatureValue = view(der, Math.min(sig.contentStart + 1, sig.end), sig.end);
    this.subject = named.subject;
    this.subjectCN = named.subjectCN;
    this.issuer = named.issuer;
    this.issuerCN = named.issuerCN;
    this.subjectDer = named.subjectDer;
    this.issuerDer = named.issuerDer;
    this.serialNumber = serialHex(this.serialBytes);
    this.version = f.version;
    // The epoch stands in for a time that does not read, built only then.
    this.notBefore = d.read("notBefore", () => decodeTime(der, validity[0]), undefined) ?? new Date(0);
    this.notAfter = d.read("notAfter", () => decodeTime(der, validity[1]), undefined) ?? new Date(0);
    this.fingerprintSha256 = fingerprint(der);
    this.aia = { ocsp: [], caIssuers: [] };
    this.crlDistributionPoints = [];
    this.sanDns = [];
    readExtensionFacts(extensions, d, this);
    this.defects = d.list;
    for (const problem of named.issuerProblems) d.note("issuer", problem);
    for (const problem of named.subjectProblems) d.note("subject", problem);
    const spki = readSpki(this.spkiDer);
    const key = spki?.key ?? describeKey(this.publicKey);
    this.key = explicitCurve ? { ...key, explicitParameters: true } : key;
    this.rsaExponentBits = key.algorithm === "RSA" ? (spki?.exponentBits ?? exponentBitsOf(this.publicKey)) : undefined;
  }

  /** node:crypto's view, built on first use only: constructing it costs more than all our own parsing */
  get native(): X509Certificate {
    this.#native ??= new X509Certificate(this.der);
    return this.#native;
  }

  /**
   * The subject alternative names, read on first use and kept: the summary, the profile rules and name
   * constraints each read the extension again. A SAN the reader cannot walk throws what it threw, each time.
   */
  get altNames(): GeneralName[] {
    if (this.#altNames === undefined) {
      try {
        this.#altNames = readSubjectAltNames(this.extensions);
      } catch (err) {
        this.#altNames = err instanceof Error ? err : new Error(String(err));
      }
    }
    if (this.#altNames instanceof Error) throw this.#altNames;
    return this.#altNames;
  }

  /** the subject public key, built on first use */
  get publicKey(): KeyObject {
    this.#publicKey ??= publicKeyOf(this.spkiDer);
    return this.#publicKey;
  }
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
    return new Certificate(der);
  } catch (err) {
    throw new CertificateParseError(`not an X.509 certificate (${(err as Error).message})`);
  }
}

/** Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }. */
function outline(der: Buffer): { tbs: Tlv; alg: Tlv; sig: Tlv } {
  const top = readTlv(der, 0);
  if (top.tag !== 0x30 || top.end !== der.length) throw new Error("not a single DER SEQUENCE");
  // By index, not by an array pattern, which runs the iterator protocol (unoptimised code, every cold start).
  const parts = children(der, top);
  const tbs = parts[0];
  const alg = parts[1];
  const sig = parts[2];
  if (tbs?.tag !== 0x30 || alg?.tag !== 0x30 || sig?.tag !== 0x03 || parts.length > 3)
    throw new Error("not a certificate structure");
  return { tbs, alg, sig };
}

const HEX = "0123456789ABCDEF";

/**
 * `AB:CD:…` of the SHA-256, written byte by byte into one buffer and read as one string (appending 32
 * pieces made a chain of 31 string pieces per certificate); the one-shot hash skips the Hash object's
 * setup (Node >= 20.12, package.json asks for 20.19).
 */
function fingerprint(der: Buffer): string {
  const digest = hash("sha256", der, "buffer");
  const out = Buffer.allocUnsafe(digest.length * 3 - 1);
  for (let i = 0; i < digest.length; i++) {
    if (i) out[i * 3 - 1] = 0x3a;
    out[i * 3] = HEX.charCodeAt(digest[i] >> 4);
    out[i * 3 + 1] = HEX.charCodeAt(digest[i] & 15);
  }
  return out.toString("latin1");
}

/** The tbsCertificate fields after the optional version, named (RFC 5280 §4.1). */
interface TbsFields {
  version: number;
  serial: Tlv;
  issuer: Tlv;
  validity: Tlv;
  subject: Tlv;
  spki: Tlv;
  /** the [3] extensions wrapper, if any field after the key is one */
  extensions: Tlv | undefined;
}

function tbsFields(der: Buffer, tbs: Tlv): TbsFields {
  const fields = children(der, tbs);
  // The version is an optional explicit [0] tag; v1 certificates omit it.
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  let version = 1;
  if (at) {
    const v = children(der, fields[0])[0];
    version = (der[v.end - 1] ?? 0) + 1;
  }
  if (fields.length - at < 6) throw new Error("tbsCertificate is missing fields");
  // By index, not by an array pattern, which runs the iterator protocol for every certificate.
  return {
    version,
    serial: fields[at],
    issuer: fields[at + 2],
    validity: fields[at + 3],
    subject: fields[at + 4],
    spki: fields[at + 5],
    extensions: extensionsWrapper(fields, at + 6),
  };
}

function extensionsWrapper(fields: Tlv[], from: number): Tlv | undefined {
  for (let i = from; i < fields.length; i++) if (fields[i].tag === 0xa3) return fields[i];
  return undefined;
}

/**
 * The first reads, in the order the first version made them, so a malformed certificate is refused with the
 * same message, and its defects are listed in the same order, as before.
 */
function readOutline(der: Buffer) {
  const { tbs, alg, sig } = outline(der);
  const f = tbsFields(der, tbs);
  const explicitCurve = hasExplicitCurve(der, f.spki);
  const algorithm = signatureAlgorithm(der, alg);
  const validity = children(der, f.validity);
  const named = names(der, f);
  const d = versionDefects(der, tbs, f.version);
  const extensions = readExtensions(der, f.extensions, d);
  return { tbs, sig, f, explicitCurve, algorithm, validity, named, d, extensions };
}

/** A new defect list, with the version's: X.690 §11.5 leaves the DEFAULT v1 out (OpenSSL loads it spelled out, BoringSSL refuses it). */
function versionDefects(der: Buffer, tbs: Tlv, version: number): DerDefects {
  const d = new DerDefects();
  if (version === 1 && der[tbs.contentStart] === 0xa0)
    d.note("version", "v1 is spelled out (DEFAULT, which DER leaves out)");
  return d;
}

function names(der: Buffer, f: TbsFields) {
  const subjectDer = view(der, f.subject.start, f.subject.end);
  const issuerDer = view(der, f.issuer.start, f.issuer.end);
  // What the names' string types break, noted after the extensions' defects (as they always were).
  const subjectProblems: string[] = [];
  const issuerProblems: string[] = [];
  const subjectAttrs = decodeNameWithKey(der, f.subject, subjectDer, subjectProblems);
  const issuerAttrs = decodeNameWithKey(der, f.issuer, issuerDer, issuerProblems);
  return {
    subjectProblems,
    issuerProblems,
    subject: formatName(subjectAttrs),
    subjectCN: commonName(subjectAttrs),
    issuer: formatName(issuerAttrs),
    issuerCN: commonName(issuerAttrs),
    subjectDer,
    issuerDer,
  };
}

function signatureAlgorithm(der: Buffer, alg: Tlv): { oid: string; name: string } {
  const oid = oidAt(der, children(der, alg)[0]);
  return { oid, name: signatureAlgorithmName(oid) };
}

/** id-ecPublicKey parameters: a named-curve OID, or (forbidden by RFC 5480 §2.1.1) an explicit SEQUENCE. */
function hasExplicitCurve(der: Buffer, spki: Tlv): boolean {
  return children(der, children(der, spki)[0])[1]?.tag === 0x30;
}
