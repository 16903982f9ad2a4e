// The certificate extensions the rules use (RFC 5280 §4.2), read from their DER values.
import { children, content, decodeOid, decodeUnsigned, readTlv, type Tlv, toHex } from "./der.js";
import type { DerDefects } from "./der-defects.js";
import { AIA, OID } from "./oids.js";
import { dnsNames, generalNameProblems } from "./san.js";

export interface ExtensionInfo {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

/** The facts read from extensions; fields stay absent when the extension is. */
export interface ExtensionFacts {
  basicConstraints?: { ca: boolean; pathLength?: number };
  keyUsage?: string[];
  extKeyUsage?: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  aia: { ocsp: string[]; caIssuers: string[] };
  crlDistributionPoints: string[];
  sanDns: string[];
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

/** Extensions ::= SEQUENCE OF Extension, inside the tbsCertificate's [3] wrapper. */
export function readExtensions(der: Buffer, wrapper: Tlv | undefined, defects: DerDefects): ExtensionInfo[] {
  if (!wrapper) return [];
  const [seq] = children(der, wrapper);
  return children(der, seq).map((ext) => {
    const parts = children(der, ext);
    const oid = decodeOid(content(der, parts[0]));
    const flag = parts.length === 3 && parts[1].tag === 0x01 ? content(der, parts[1]) : undefined;
    // X.690 §11.5: DER leaves out a DEFAULT value, so `critical FALSE` is never encoded; §11.1: TRUE is FF.
    if (flag && flag[0] !== 0xff) {
      const name = extensionName(oid);
      defects.note(`extension ${name}`, flag[0] === 0 ? "critical FALSE is spelled out" : "critical is not DER", name);
    }
    const critical = flag !== undefined && flag[0] !== 0;
    return { oid, critical, value: content(der, parts[parts.length - 1]) };
  });
}

type Reader = (v: Buffer, top: Tlv, facts: ExtensionFacts, note: (problem: string) => void) => void;

const READERS: Record<string, Reader> = {
  [OID.basicConstraints]: (v, top, f) => {
    f.basicConstraints = readBasicConstraints(v, top);
  },
  [OID.keyUsage]: (v, top, f) => {
    f.keyUsage = readKeyUsage(v, top);
  },
  [OID.extKeyUsage]: (v, top, f) => {
    f.extKeyUsage = children(v, top).map((t) => decodeOid(content(v, t)));
  },
  [OID.subjectKeyId]: (v, top, f) => {
    f.subjectKeyId = toHex(content(v, top));
  },
  [OID.authorityKeyId]: (v, top, f) => {
    const keyId = children(v, top).find((t) => t.tag === 0x80);
    if (keyId) f.authorityKeyId = toHex(content(v, keyId));
  },
  [OID.authorityInfoAccess]: (v, top, f) => {
    f.aia = readAia(v, top);
  },
  [OID.crlDistributionPoints]: (v, top, f) => {
    f.crlDistributionPoints = collectUris(v, top, 0);
  },
  [OID.subjectAltName]: (v, _top, f, note) => {
    f.sanDns = dnsNames(v);
    for (const problem of generalNameProblems(v)) note(problem);
  },
};

export function readExtensionFacts(extensions: ExtensionInfo[], defects: DerDefects): ExtensionFacts {
  const facts: ExtensionFacts = { aia: { ocsp: [], caIssuers: [] }, crlDistributionPoints: [], sanDns: [] };
  for (const ext of extensions) {
    // Only extensions we read are parsed: an unknown one may hold anything, even nothing.
    const read = Object.hasOwn(READERS, ext.oid) ? READERS[ext.oid] : undefined;
    if (!read) continue;
    const name = extensionName(ext.oid);
    const field = `extension ${name}`;
    const v = Buffer.from(ext.value);
    const top = defects.read(field, () => readTlv(v, 0), undefined, name);
    if (!top) continue;
    // RFC 5280 §4.2: extnValue holds exactly the DER of the extension's type; OpenSSL ignores what follows.
    if (top.end !== v.length) defects.note(field, `${v.length - top.end} bytes follow its value`, name);
    defects.read(field, () => read(v, top, facts, (problem) => defects.note(field, problem, name)), undefined, name);
  }
  return facts;
}

function readBasicConstraints(v: Buffer, top: Tlv): { ca: boolean; pathLength?: number } {
  let ca = false;
  let pathLength: number | undefined;
  for (const t of children(v, top)) {
    if (t.tag === 0x01) ca = v[t.contentStart] !== 0;
    // OpenSSL marks a certificate with a negative pathLenConstraint invalid (v3_purp.c); we once read -1 as 255.
    if (t.tag === 0x02) pathLength = decodeUnsigned(v, t);
  }
  return { ca, pathLength };
}

/** RFC 5280 §4.2.1.3 bit names that are set. */
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
    if (oid === AIA.ocsp) aia.ocsp.push(url);
    if (oid === AIA.caIssuers) aia.caIssuers.push(url);
  }
  return aia;
}

/** Every URI GeneralName ([6]) below an element: the shape of a distribution point list varies. */
function collectUris(v: Buffer, tlv: Tlv, depth: number): string[] {
  if (tlv.tag === 0x86) return [Buffer.from(content(v, tlv)).toString("latin1")];
  if (!(tlv.tag & 0x20) || depth > 8) return [];
  return children(v, tlv).flatMap((c) => collectUris(v, c, depth + 1));
}
