// The certificate extensions the rules use (RFC 5280 §4.2), read from their DER values.
import { children, content, DerError, decodeUnsigned, oidAt, readTlv, type Tlv } from "./der.js";
import type { DerDefects } from "./der-defects.js";
import { AIA, OID } from "./oids.js";
import { sanFacts } from "./san.js";

export interface ExtensionInfo {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface BasicConstraints {
  ca: boolean;
  pathLength?: number;
}

/** The facts read from extensions; an optional one is undefined when its extension is absent. */
export interface ExtensionFacts {
  basicConstraints?: BasicConstraints;
  keyUsage?: string[];
  extKeyUsage?: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** authorityCertSerialNumber of the AKI: the issuer's serial, as hex of its content octets */
  authorityCertSerial?: string;
  /** the first directoryName of the AKI's authorityCertIssuer: the issuer's issuer (DER of the Name) */
  authorityCertIssuer?: Buffer;
  aia: { ocsp: string[]; caIssuers: string[] };
  crlDistributionPoints: string[];
  sanDns: string[];
  /** the first octet of a Netscape certificate type: 0x80 SSL client, 0x40 SSL server (absent: no such extension) */
  nsCertType?: number;
}

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

const EXTENSION_NAMES = new Map<string, string>(Object.entries(OID).map(([name, oid]) => [oid, name]));

/** `basicConstraints`, or the dotted OID of an extension without a name here. */
export function extensionName(oid: string): string {
  return EXTENSION_NAMES.get(oid) ?? oid;
}

/**
 * Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, inside the tbsCertificate's [3] wrapper. A wrapper that
 * holds anything but one SEQUENCE of well-formed Extensions is a fatal defect of the field (OpenSSL cannot
 * load the certificate), never "no extensions": the rest of the certificate still reads for inspect.
 */
export function readExtensions(der: Buffer, wrapper: Tlv | undefined, defects: DerDefects): ExtensionInfo[] {
  if (!wrapper) return [];
  const list = defects.read("extensions", () => extensionList(der, wrapper, defects), []);
  if (list.length === 0 && !defects.list.some((d) => d.field === "extensions"))
    defects.note("extensions", "the extensions SEQUENCE is empty; RFC 5280 §4.1 wants at least one or none at all");
  return list;
}

function extensionList(der: Buffer, wrapper: Tlv, defects: DerDefects): ExtensionInfo[] {
  const inner = children(der, wrapper);
  if (inner.length !== 1 || inner[0].tag !== 0x30)
    throw new DerError("the [3] extensions field does not hold exactly one SEQUENCE");
  return children(der, inner[0]).map((ext) => readExtension(der, ext, defects));
}

function readExtension(der: Buffer, ext: Tlv, defects: DerDefects): ExtensionInfo {
  const parts = ext.tag === 0x30 ? children(der, ext) : [];
  const id = parts[0];
  const middle = parts[1];
  const value = parts[parts.length - 1];
  const shaped = parts.length === 2 || (parts.length === 3 && middle.tag === 0x01);
  if (!shaped || id.tag !== 0x06 || value.tag !== 0x04)
    throw new DerError("an extension is not a SEQUENCE of OID, optional critical BOOLEAN and OCTET STRING");
  const oid = oidAt(der, id);
  const flagged = parts.length === 3;
  // A BOOLEAN is one octet (X.690 §8.2.1); OpenSSL cannot load a certificate whose flag is longer or empty.
  if (flagged && middle.end - middle.contentStart !== 1)
    throw new DerError("an extension's critical flag is not a one-octet BOOLEAN");
  // The flag's one octet, read in place; undefined without a flag.
  const flag = flagged ? der[middle.contentStart] : undefined;
  // X.690 §11.5: DER leaves out a DEFAULT value, so `critical FALSE` is never encoded; §11.1: TRUE is FF.
  if (flag !== undefined && flag !== 0xff) {
    const name = extensionName(oid);
    defects.note(`extension ${name}`, flag === 0 ? "critical FALSE is spelled out" : "critical is not DER", name);
  }
  const critical = flag !== undefined && flag !== 0;
  return { oid, critical, value: content(der, value) };
}

/**
 * Where one extension's problems go: its field of the certificate's defect list. One object per extension
 * read, where two closures (a note function and the read itself) were made for each.
 */
class ExtensionNotes {
  readonly field: string;
  constructor(
    readonly defects: DerDefects,
    readonly name: string,
  ) {
    this.field = `extension ${name}`;
  }

  add(problem: string): void {
    this.defects.note(this.field, problem, this.name);
  }
}

type Reader = (v: Buffer, top: Tlv, facts: ExtensionFacts, notes: ExtensionNotes) => void;

const READERS: Record<string, Reader> = {
  [OID.basicConstraints]: (v, top, f, notes) => {
    f.basicConstraints = readBasicConstraints(v, top, notes);
  },
  [OID.keyUsage]: (v, top, f, notes) => {
    f.keyUsage = readKeyUsage(v, top, notes);
  },
  [OID.extKeyUsage]: (v, top, f) => {
    f.extKeyUsage = readOidList(v, top);
  },
  // OpenSSL marks a certificate invalid when its key identifier is not an OCTET STRING (v3_purp.c).
  [OID.subjectKeyId]: (v, top, f) => {
    if (top.tag !== 0x04) throw new DerError("the subject key identifier is not an OCTET STRING");
    f.subjectKeyId = v.toString("hex", top.contentStart, top.end);
  },
  [OID.authorityKeyId]: (v, top, f) => {
    const aki = readAuthorityKeyId(v, top);
    f.authorityKeyId = aki.authorityKeyId;
    f.authorityCertSerial = aki.authorityCertSerial;
    f.authorityCertIssuer = aki.authorityCertIssuer;
  },
  [OID.authorityInfoAccess]: (v, top, f) => {
    f.aia = readAia(v, top);
  },
  [OID.crlDistributionPoints]: (v, top, f) => {
    checkDistributionPoints(v, top);
    f.crlDistributionPoints = collectUris(v, top, 0);
  },
  [OID.subjectAltName]: (v, top, f, notes) => {
    const san = sanFacts(v, checkGeneralNames(v, top, "subjectAltName"));
    f.sanDns = san.dns;
    for (const problem of san.problems) notes.add(problem);
  },
  // OpenSSL decodes the policy extensions only when it processes policies, which web servers do not ask
  // for: what breaks them is a warning (policies.ts refuses the same bytes where policies are processed).
  [OID.certificatePolicies]: (v, top, _f, notes) => {
    for (const problem of policyQualifierProblems(v, top)) notes.add(problem);
  },
  [OID.policyConstraints]: (_v, top, _f, notes) => {
    if (top.tag === 0x30 && top.end === top.contentStart)
      notes.add("policyConstraints is an empty SEQUENCE, which RFC 5280 §4.2.1.11 forbids");
  },
  // OpenSSL decodes it when it loads the certificate and refuses one that does not decode (v3_purp.c).
  [OID.nsCertType]: (v, top, f) => {
    if (top.tag !== 0x03 || top.end === top.contentStart)
      throw new DerError("the Netscape certificate type is not a BIT STRING");
    f.nsCertType = top.end - top.contentStart > 1 ? v[top.contentStart + 1] : 0;
  },
  [OID.nameConstraints]: (v, top, _f, notes) => {
    for (const problem of checkNameConstraints(v, top)) notes.add(problem);
  },
};

/**
 * Extensions OpenSSL decodes only when it uses them (AIA to fetch, the policies when it processes policies,
 * which web servers do not ask for): one that does not decode still loads, so its defect is a warning.
 * Every other extension read here OpenSSL decodes when it loads the certificate (ossl_x509v3_cache_extensions),
 * and marks the certificate invalid when it cannot.
 */
const DECODED_ON_USE = new Set<string>([OID.authorityInfoAccess, OID.certificatePolicies, OID.policyConstraints]);

/**
 * Reads the extensions the rules use into `facts` (the certificate itself): each field an extension sets, the
 * rest left as they are (undefined, or the empty lists the caller starts with).
 */
export function readExtensionFacts(extensions: ExtensionInfo[], defects: DerDefects, facts: ExtensionFacts): void {
  for (let i = 0; i < extensions.length; i++) {
    const ext = extensions[i];
    // Only extensions we read are parsed: an unknown one may hold anything, even nothing.
    const read = Object.hasOwn(READERS, ext.oid) ? READERS[ext.oid] : undefined;
    if (read) readExtensionValue(ext, read, facts, defects);
  }
}

/**
 * One extension the rules use, read into `facts`. One that does not decode is a fatal defect, or a warning
 * for an extension OpenSSL decodes only when it uses it.
 */
function readExtensionValue(ext: ExtensionInfo, read: Reader, facts: ExtensionFacts, defects: DerDefects): void {
  const notes = new ExtensionNotes(defects, extensionName(ext.oid));
  // The value is a view into the certificate's DER, which nothing writes to: the readers read it in place.
  const v = Buffer.isBuffer(ext.value) ? ext.value : Buffer.from(ext.value);
  try {
    const top = readTlv(v, 0);
    // RFC 5280 §4.2: extnValue holds exactly the DER of the extension's type; OpenSSL ignores what follows.
    if (top.end !== v.length) notes.add(`${v.length - top.end} bytes follow its value`);
    read(v, top, facts, notes);
  } catch (err) {
    if (!DECODED_ON_USE.has(ext.oid)) defects.refuse(notes.field, err, notes.name);
    else if (err instanceof DerError)
      notes.add(`it does not decode (${err.message}); OpenSSL reads it only when it uses it`);
    else throw err;
  }
}

/** GeneralName tags (RFC 5280 §4.2.1.6), with the constructed forms of the string ones OpenSSL's BER decoder takes. */
const GENERAL_NAME_TAGS = new Set([0xa0, 0x81, 0xa1, 0x82, 0xa2, 0xa3, 0xa4, 0xa5, 0x86, 0xa6, 0x87, 0xa7, 0x88]);

/** GeneralNames ::= SEQUENCE OF GeneralName: OpenSSL refuses a certificate whose SAN has another tag inside. */
function checkGeneralNames(v: Buffer, top: Tlv, what: string): Tlv[] {
  if (top.tag !== 0x30) throw new DerError(`${what} is not a SEQUENCE`);
  const names = children(v, top);
  if (names.some((t) => !GENERAL_NAME_TAGS.has(t.tag)))
    throw new DerError(`${what} holds something that is not a GeneralName`);
  return names;
}

/** AuthorityKeyIdentifier ::= SEQUENCE { [0] keyIdentifier, [1] authorityCertIssuer, [2] serial }, each optional, in order. */
function readAuthorityKeyId(v: Buffer, top: Tlv): Partial<ExtensionFacts> {
  const fields = top.tag === 0x30 ? children(v, top) : undefined;
  if (!fields) throw new DerError("authorityKeyIdentifier is not a SEQUENCE");
  const order = [0x80, 0xa1, 0x82];
  let last = -1;
  for (const t of fields) {
    const at = order.indexOf(t.tag);
    if (at <= last) throw new DerError("authorityKeyIdentifier holds an unexpected or misplaced field");
    last = at;
  }
  const out: Partial<ExtensionFacts> = {};
  // At most one of each, in order (checked above).
  let keyId: Tlv | undefined;
  let issuer: Tlv | undefined;
  let serial: Tlv | undefined;
  for (let i = 0; i < fields.length; i++) {
    if (fields[i].tag === 0x80) keyId = fields[i];
    else if (fields[i].tag === 0xa1) issuer = fields[i];
    else serial = fields[i];
  }
  if (keyId) out.authorityKeyId = v.toString("hex", keyId.contentStart, keyId.end);
  if (serial) out.authorityCertSerial = v.toString("hex", serial.contentStart, serial.end);
  const dirName =
    issuer && checkGeneralNames(v, { ...issuer, tag: 0x30 }, "authorityCertIssuer").find((t) => t.tag === 0xa4);
  const name = dirName && children(v, dirName)[0];
  if (name?.tag === 0x30) out.authorityCertIssuer = Buffer.from(v.subarray(name.start, name.end));
  return out;
}

/**
 * NameConstraints ::= SEQUENCE { [0] permittedSubtrees, [1] excludedSubtrees }, of GeneralSubtree SEQUENCEs.
 * Throws when the structure is broken; returns what a readable one breaks (OpenSSL loads it anyway): an
 * iPAddress subtree is address and mask, 8 octets for IPv4 and 32 for IPv6 (§4.2.1.10). One walk for both.
 */
function checkNameConstraints(v: Buffer, top: Tlv): string[] {
  const parts = top.tag === 0x30 ? children(v, top) : undefined;
  if (!parts || parts.some((t) => t.tag !== 0xa0 && t.tag !== 0xa1) || (parts.length === 2 && parts[0].tag !== 0xa0))
    throw new DerError("nameConstraints is not a SEQUENCE of [0] permitted and [1] excluded subtrees");
  const problems: string[] = [];
  for (const subtrees of parts)
    for (const subtree of children(v, subtrees)) {
      const base = subtree.tag === 0x30 ? children(v, subtree)[0] : undefined;
      if (!base || !GENERAL_NAME_TAGS.has(base.tag)) throw new DerError("a name constraint subtree has no GeneralName");
      const len = base.end - base.contentStart;
      if (base.tag === 0x87 && len !== 8 && len !== 32)
        problems.push(`a name constraint iPAddress has ${len} octets, not 8 or 32`);
    }
  return problems;
}

/** CRLDistributionPoints ::= SEQUENCE OF DistributionPoint { [0] name, [1] reasons, [2] cRLIssuer }. */
function checkDistributionPoints(v: Buffer, top: Tlv): void {
  const points = top.tag === 0x30 ? children(v, top) : undefined;
  const fieldOk = (t: Tlv) => t.tag === 0xa0 || t.tag === 0x81 || t.tag === 0xa2;
  if (!points || points.some((p) => p.tag !== 0x30 || !children(v, p).every(fieldOk)))
    throw new DerError("cRLDistributionPoints is not a SEQUENCE of DistributionPoint");
}

/**
 * BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }.
 * Anything else inside the SEQUENCE makes OpenSSL's decoder fail, and with it the certificate.
 */
function readBasicConstraints(v: Buffer, top: Tlv, notes: ExtensionNotes): BasicConstraints {
  if (top.tag !== 0x30) throw new DerError("basicConstraints is not a SEQUENCE");
  const fields = children(v, top);
  let next = 0;
  let ca = false;
  let pathLength: number | undefined;
  if (fields[next]?.tag === 0x01) {
    const flag = content(v, fields[next++]);
    ca = flag[0] !== 0;
    // X.690 §11.5: a DEFAULT value is left out in DER.
    if (flag[0] === 0) notes.add("cA FALSE is spelled out (it is the DEFAULT, which DER leaves out)");
    else if (flag[0] !== 0xff) notes.add("cA is not a DER BOOLEAN");
  }
  const big =
    fields[next]?.tag === 0x02 &&
    fields[next].end - fields[next].contentStart > 4 &&
    !(v[fields[next].contentStart] & 0x80);
  if (big) {
    // OpenSSL reads a pathLenConstraint too large for a long as "no limit" (ASN1_INTEGER_get gives -1).
    notes.add("pathLenConstraint is too large to read; OpenSSL takes it as no limit, BoringSSL refuses it");
    next++;
  } else if (fields[next]?.tag === 0x02) {
    // OpenSSL marks a certificate with a negative pathLenConstraint invalid (v3_purp.c); we once read -1 as 255.
    pathLength = decodeUnsigned(v, fields[next++]);
    // BoringSSL refuses a pathLenConstraint above 255; OpenSSL takes it, and no chain is that long.
    if (pathLength > 255) notes.add(`pathLenConstraint is ${pathLength}, above 255, which BoringSSL refuses`);
  }
  if (next !== fields.length)
    throw new DerError(`basicConstraints holds ${fields.length - next} unexpected element(s)`);
  return { ca, pathLength };
}

/**
 * RFC 5280 §4.2.1.3 bit names that are set. OpenSSL refuses a key usage that is not a BIT STRING, whose
 * unused-bits octet is over 7, or that sets no bit at all; it loads one with set padding bits or trailing
 * zero octets (not DER, X.690 §11.2.2), which we note.
 */
function readKeyUsage(v: Buffer, top: Tlv, notes: ExtensionNotes): string[] {
  const bits = content(v, top);
  if (top.tag !== 0x03 || bits.length === 0) throw new DerError("key usage is not a BIT STRING");
  const unused = bits[0];
  if (unused > 7 || (bits.length === 1 && unused !== 0))
    throw new DerError(`key usage declares ${unused} unused bits, which its BIT STRING cannot have`);
  const bytes = bits.subarray(1);
  const last = bytes[bytes.length - 1];
  if (bytes.length > 0 && last & ((1 << unused) - 1)) notes.add("key usage sets bits in its unused padding");
  else if (bytes.length > 0 && (last & (1 << unused)) === 0)
    notes.add("key usage is not DER: its BIT STRING keeps trailing zero bits (X.690 §11.2.2)");
  const names = KEY_USAGE_BITS.filter((_, i) => {
    const byte = bytes[i >> 3] ?? 0;
    return (byte & (0x80 >> (i & 7))) !== 0;
  });
  // OpenSSL 3 marks a certificate invalid when its key usage asserts no bit (RFC 5280 §4.2.1.3).
  if (names.length === 0) throw new DerError("key usage asserts no bit, which RFC 5280 §4.2.1.3 forbids");
  return names;
}

/** KeyPurposeId list of extKeyUsage; OpenSSL marks a certificate whose EKU does not decode invalid. */
function readOidList(v: Buffer, top: Tlv): string[] {
  const items = top.tag === 0x30 ? children(v, top) : [];
  if (top.tag !== 0x30 || items.some((t) => t.tag !== 0x06))
    throw new DerError("extended key usage is not a SEQUENCE OF OBJECT IDENTIFIER");
  return items.map((t) => oidAt(v, t));
}

/** PolicyInformation qualifiers (RFC 5280 §4.2.1.4): a present list holds one or more, each with its qualifier. */
function policyQualifierProblems(v: Buffer, top: Tlv): string[] {
  const infos = top.tag === 0x30 ? children(v, top) : [];
  const out = infos.length === 0 ? ["certificatePolicies holds no policy (SIZE (1..MAX))"] : [];
  for (const info of infos) {
    const qualifiers = info.tag === 0x30 ? children(v, info)[1] : undefined;
    if (qualifiers?.tag !== 0x30) continue;
    const list = children(v, qualifiers);
    if (list.length === 0) out.push("a policy's policyQualifiers is an empty SEQUENCE (SIZE (1..MAX))");
    if (list.some((q) => q.tag !== 0x30 || children(v, q).length !== 2))
      out.push("a policy qualifier has no qualifier value");
  }
  return out;
}

function readAia(v: Buffer, top: Tlv): { ocsp: string[]; caIssuers: string[] } {
  const aia = { ocsp: [] as string[], caIssuers: [] as string[] };
  for (const desc of children(v, top)) {
    const parts = children(v, desc);
    const method = parts[0];
    const location = parts[1];
    // Only uniformResourceIdentifier ([6] IA5String) locations are usable.
    if (!method || location?.tag !== 0x86) continue;
    const url = v.toString("latin1", location.contentStart, location.end);
    const oid = oidAt(v, method);
    if (oid === AIA.ocsp) aia.ocsp.push(url);
    if (oid === AIA.caIssuers) aia.caIssuers.push(url);
  }
  return aia;
}

/** Every URI GeneralName ([6]) below an element: the shape of a distribution point list varies. */
function collectUris(v: Buffer, tlv: Tlv, depth: number, out: string[] = []): string[] {
  if (tlv.tag === 0x86) out.push(v.toString("latin1", tlv.contentStart, tlv.end));
  else if (tlv.tag & 0x20 && depth <= 8) {
    // Into one list, in document order: a flatMap per level made an array per element.
    const inner = children(v, tlv);
    for (let i = 0; i < inner.length; i++) collectUris(v, inner[i], depth + 1, out);
  }
  return out;
}
