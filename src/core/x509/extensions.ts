// The certificate extensions the rules use (RFC 5280 §4.2), read from their DER values.
import { children, content, decodeOid, readTlv, type Tlv, toHex } from "./der.js";
import { AIA, OID } from "./oids.js";
import { dnsNames } from "./san.js";

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

/** Extensions ::= SEQUENCE OF Extension, inside the tbsCertificate's [3] wrapper. */
export function readExtensions(der: Buffer, wrapper?: Tlv): ExtensionInfo[] {
  if (!wrapper) return [];
  const [seq] = children(der, wrapper);
  return children(der, seq).map((ext) => {
    const parts = children(der, ext);
    const critical = parts.length === 3 && parts[1].tag === 0x01 && der[parts[1].contentStart] !== 0;
    const value = content(der, parts[parts.length - 1]);
    return { oid: decodeOid(content(der, parts[0])), critical, value };
  });
}

type Reader = (v: Buffer, top: Tlv, facts: ExtensionFacts) => void;

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
  [OID.subjectAltName]: (v, _top, f) => {
    f.sanDns = dnsNames(v);
  },
};

export function readExtensionFacts(extensions: ExtensionInfo[]): ExtensionFacts {
  const facts: ExtensionFacts = { aia: { ocsp: [], caIssuers: [] }, crlDistributionPoints: [], sanDns: [] };
  for (const ext of extensions) {
    // Only extensions we read are parsed: an unknown one may hold anything, even nothing.
    const read = Object.hasOwn(READERS, ext.oid) ? READERS[ext.oid] : undefined;
    if (!read) continue;
    const v = Buffer.from(ext.value);
    read(v, readTlv(v, 0), facts);
  }
  return facts;
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
