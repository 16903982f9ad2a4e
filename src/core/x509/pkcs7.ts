// The certificates of a PKCS#7 SignedData bundle (RFC 2315 §9.1, RFC 5652 §5.1), the `.p7b` CAs deliver,
// walked with our own DER reader. @peculiar/x509 (asn1js) refuses any input of more than 10,000 ASN.1
// nodes, about 250 certificates, and built a schema object per node: our bound is the number of
// certificates, as for PEM blocks, and only the envelope is walked; each certificate is handed on whole.
import { DerError, oidAt, readTlv, type Tlv, view } from "./der.js";

const SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID = 0x06;
const EXPLICIT_0 = 0xa0;
/** `certificates [0] IMPLICIT CertificateSet` has the same tag as the explicit [0] of ContentInfo */
const CERTIFICATES = 0xa0;
/** CertificateChoices: a plain Certificate is a SEQUENCE; [0]-[3] are attribute and other certificates */
const SEQUENCE = 0x30;
const INTEGER = 0x02;
const SET = 0x31;
const MAX_DEPTH = 32;

/** An element whose content may end before `end`: BER's indefinite length ends with two zero octets. */
interface Element extends Tlv {
  contentEnd: number;
}

export interface Pkcs7Certificates {
  /** each certificate's DER, a view of the input */
  certificates: Buffer[];
  /** the set held more than the `max` asked for: these are the first `max` */
  truncated: boolean;
}

/** The certificates of `der`, at most `max` of them; throws DerError when it is not a readable SignedData. */
export function pkcs7Certificates(der: Buffer, max: number): Pkcs7Certificates {
  const contentInfo = readElement(der, 0, der.length, 0);
  const [type, explicit] = elementsOf(der, contentInfo, 2);
  if (type?.tag !== OID || explicit?.tag !== EXPLICIT_0) throw new DerError("not a PKCS#7 ContentInfo");
  const contentType = oidAt(der, type);
  if (contentType !== SIGNED_DATA) throw new DerError(`the content is ${contentType}, not SignedData`);
  const [signedData] = elementsOf(der, explicit, 1);
  if (signedData?.tag !== SEQUENCE) throw new DerError("the SignedData is not a SEQUENCE");
  // version, digestAlgorithms and encapContentInfo come first (RFC 5652 §5.1); the set is optional. Their
  // tags are checked as OpenSSL checks them, so a bundle it refuses is not read here either.
  const [version, digests, encap, set] = elementsOf(der, signedData, 4);
  if (version?.tag !== INTEGER || digests?.tag !== SET || encap?.tag !== SEQUENCE)
    throw new DerError("the SignedData does not start with a version, its digest algorithms and its content");
  const certificates: Buffer[] = [];
  if (set?.tag !== CERTIFICATES) return { certificates, truncated: false };
  for (let pos = set.contentStart; pos < set.contentEnd; ) {
    const choice = readElement(der, pos, set.contentEnd, 3);
    pos = choice.end;
    if (choice.tag !== SEQUENCE) continue;
    if (certificates.length === max) return { certificates, truncated: true };
    certificates.push(view(der, choice.start, choice.end));
  }
  return { certificates, truncated: false };
}

/** The first `count` children of `parent` (fewer when it has fewer): the envelope never needs more. */
function elementsOf(buf: Buffer, parent: Element, count: number): Element[] {
  const out: Element[] = [];
  for (let pos = parent.contentStart; pos < parent.contentEnd && out.length < count; ) {
    const element = readElement(buf, pos, parent.contentEnd, 1);
    out.push(element);
    pos = element.end;
  }
  return out;
}

/**
 * One element, in DER or in BER's indefinite-length form, which some Windows and Java tools write for the
 * envelope (OpenSSL reads both). Finding where an indefinite element ends walks its children once.
 */
function readElement(buf: Buffer, offset: number, limit: number, depth: number): Element {
  if (depth > MAX_DEPTH) throw new DerError("PKCS#7 nested too deeply");
  if (offset + 2 > limit || buf[offset + 1] !== 0x80) {
    // One literal of one shape: a spread plus a field cost ~1.5 µs an element, 3 s for a hostile 4 MiB set.
    const { tag, start, contentStart, end } = readTlv(buf, offset, limit);
    return { tag, start, contentStart, end, contentEnd: end };
  }
  const tag = buf[offset];
  if (!(tag & 0x20)) throw new DerError(`indefinite length on a primitive element at byte ${offset}`);
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high-tag-number form at byte ${offset}`);
  let pos = offset + 2;
  for (;;) {
    if (pos + 2 > limit) throw new DerError(`the element at byte ${offset} has no end-of-contents octets`);
    if (buf[pos] === 0 && buf[pos + 1] === 0) break;
    pos = readElement(buf, pos, limit, depth + 1).end;
  }
  return { tag, start: offset, contentStart: offset + 2, contentEnd: pos, end: pos + 2 };
}
