// GeneralName (RFC 5280 §4.2.1.6) and the subject alternative name extension: the one reader of both.
import type { Certificate } from "./certificate.js";
import { children, content, readTlv, type Tlv } from "./der.js";
import type { ExtensionInfo } from "./extensions.js";
import { decodeRdns, type NameAttribute } from "./names.js";
import { OID } from "./oids.js";

/** The name forms the tool evaluates; everything else (URI, otherName, …) is "other". */
export type GeneralNameForm = "dns" | "email" | "ip" | "dn" | "other";

export interface GeneralName {
  form: GeneralNameForm;
  /** dns/email: the text as encoded (IA5String); case is the caller's concern */
  text?: string;
  /** ip: the octets (an address, or address and mask in a name constraint) */
  bytes?: Buffer;
  /** dn: the RDNs in encoding order */
  rdns?: NameAttribute[][];
}

/** One GeneralName element of `buf`, by its context tag. */
export function readGeneralName(buf: Buffer, t: Tlv): GeneralName {
  if (t.tag === 0x82) return { form: "dns", text: ia5Text(buf, t) };
  if (t.tag === 0x81) return { form: "email", text: ia5Text(buf, t) };
  if (t.tag === 0x87) return { form: "ip", bytes: Buffer.from(content(buf, t)) };
  if (t.tag === 0xa4) return { form: "dn", rdns: decodeRdns(buf, children(buf, t)[0]) };
  return { form: "other" };
}

/** GeneralNames ::= SEQUENCE OF GeneralName, as an extension value holds it. */
export function readGeneralNames(value: Uint8Array): GeneralName[] {
  const buf = Buffer.from(value);
  return children(buf, readTlv(buf, 0)).map((t) => readGeneralName(buf, t));
}

/** The certificate's subject alternative names; none when it has no such extension. Shared: never change it. */
export function subjectAltNames(cert: Certificate): GeneralName[] {
  return cert.altNames;
}

/** What `subjectAltNames` gives, read from the extensions (the certificate keeps it). */
export function readSubjectAltNames(extensions: ExtensionInfo[]): GeneralName[] {
  const san = extensions.find((e) => e.oid === OID.subjectAltName);
  return san ? readGeneralNames(san.value) : [];
}

/**
 * The dNSName entries of a subjectAltName extension value, and what the value breaks of RFC 5280 §4.2.1.6
 * (OpenSSL loads it anyway): an iPAddress of other than 4 or 16 octets, a dNSName or rfc822Name (IA5String)
 * with non-ASCII bytes, an empty list. `names`: the value's elements, as the extension reader checked them (one walk).
 */
export function sanFacts(value: Buffer, names: Tlv[]): { dns: string[]; problems: string[] } {
  const dns: string[] = [];
  const problems = names.length === 0 ? ["it holds no name"] : [];
  for (let i = 0; i < names.length; i++) {
    const t = names[i];
    const length = t.end - t.contentStart;
    // Only dNSName elements are decoded: parsing a certificate must not fail on a name form it does not need.
    if (t.tag === 0x82) dns.push(ia5Text(value, t));
    if (t.tag === 0x87 && length !== 4 && length !== 16)
      problems.push(`an iPAddress has ${length} octets, not 4 or 16`);
    if ((t.tag === 0x81 || t.tag === 0x82) && !isAscii(value, t))
      problems.push(`a ${t.tag === 0x82 ? "dNSName" : "rfc822Name"} holds non-ASCII bytes`);
  }
  return { dns, problems };
}

/** A dNSName's or rfc822Name's text as encoded: an IA5String, read byte for character (non-ASCII kept, not replaced). */
function ia5Text(buf: Buffer, t: Tlv): string {
  return buf.toString("latin1", t.contentStart, t.end);
}

function isAscii(buf: Buffer, t: Tlv): boolean {
  for (let i = t.contentStart; i < t.end; i++) if (buf[i] > 0x7f) return false;
  return true;
}

/**
 * The SAN as `inspect` shows it ("DNS:…", "IP Address:…"): node:crypto's text, which quotes and escapes
 * unsafe names (Node's fix for CVE-2021-44532) in the form users know from Node and OpenSSL.
 */
export function subjectAltNameTexts(cert: Certificate): string[] {
  const text = cert.native.subjectAltName;
  return text ? text.split(/, (?=[A-Za-z ]+:)/) : [];
}
