import type { Finding } from "../findings/finding.js";
import { encodingFinding } from "../findings/read.js";

/** An input's text, and the note about its encoding when it was not plain ASCII/Latin-1 PEM. */
export interface DecodedText {
  text: string;
  note?: Finding;
}

/**
 * Bytes to text. PEM is ASCII, but Windows tools write UTF-16 and editors add a BOM; we read those
 * and say so, because ConnectPay's importer may not. Called once per input, by whoever reads it first:
 * scanKind, prepareSecretParser, readSecretBundles and readBlocks take the text from their caller, since each
 * decode is a new string the size of the file.
 */
export function decodeText(bytes: Buffer): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2).toString("utf16le"), "UTF-16LE");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return utf16(swapped.swap16().toString("utf16le"), "UTF-16BE");
  }
  if (bytes.length > 1 && bytes[0] === 0x2d && bytes[1] === 0x00) return utf16(bytes.toString("utf16le"), "UTF-16LE");
  const text = bytes.toString("latin1");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: text.slice(3), note: encodingFinding("starts with a UTF-8 byte order mark (BOM)") };
  return { text };
}

function utf16(text: string, encoding: string): DecodedText {
  return { text, note: encodingFinding(`is ${encoding} text`) };
}
