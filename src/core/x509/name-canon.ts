// How one attribute value of a Name is compared (RFC 5280 §7.1, RFC 4518). We fold exactly what
// OpenSSL's X509_NAME_cmp folds (x509_name_canon), because the gateway's TLS stack decides: the directory
// string types are compared as text whatever their encoding (PrintableString and UTF8String of the same
// text match), leading and trailing white space is dropped, inner runs collapse to one space, and ASCII
// letters fold to lower case. Non-ASCII letters keep their case: OpenSSL does not fold them, so neither
// do we (a chain it refuses must not be accepted here). Other value types compare by their bytes.
const UTF8 = 0x0c;
const PRINTABLE = 0x13;
const T61 = 0x14;
const IA5 = 0x16;
const VISIBLE = 0x1a;
const UNIVERSAL = 0x1c;
const BMP = 0x1e;

/** The text of a directory string, or undefined when the bytes are not valid for their type. */
function text(tag: number, bytes: Buffer): string | undefined {
  if (tag === UTF8) {
    const s = bytes.toString("utf8");
    // Without U+FFFD nothing was replaced, so the bytes were valid UTF-8 and re-encode to themselves:
    // the copy that proves it is made only for text that holds the character.
    return !s.includes("\ufffd") || Buffer.from(s, "utf8").equals(bytes) ? s : undefined;
  }
  if (tag === PRINTABLE || tag === T61 || tag === IA5 || tag === VISIBLE) return bytes.toString("latin1");
  if (tag === BMP) return bytes.length % 2 ? undefined : Buffer.from(bytes).swap16().toString("utf16le");
  if (tag === UNIVERSAL) return universal(bytes);
  return undefined;
}

function universal(bytes: Buffer): string | undefined {
  if (bytes.length % 4) return undefined;
  const points: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) points.push(bytes.readUInt32BE(i));
  return points.every((p) => p <= 0x10ffff) ? String.fromCodePoint(...points) : undefined;
}

// OpenSSL's isspace: space, \t, \n, \v, \f, \r. Most values need no white space folded, and most are
// ASCII, where toLowerCase folds exactly A-Z: two tests spare three regex passes per attribute.
const NEEDS_SPACE_FOLD = /[\t\n\v\f\r]|^ | $| {2}/;
const NON_ASCII = /[\u0080-\uffff]/;
function fold(s: string): string {
  const spaced = NEEDS_SPACE_FOLD.test(s)
    ? s.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "").replace(/[ \t\n\v\f\r]+/g, " ")
    : s;
  return NON_ASCII.test(spaced) ? spaced.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : spaced.toLowerCase();
}

/** The comparison form of one attribute value: `s:` and the folded text, or `x<tag>:` and its hex. */
export function canonicalValue(bytes: Buffer, tag: number): string {
  const s = text(tag, bytes);
  return s === undefined ? `x${tag}:${bytes.toString("hex")}` : `s:${fold(s)}`;
}
