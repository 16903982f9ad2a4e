// The string types of Name attributes (X.680 §41, RFC 5280 §4.1.2.4): a PrintableString holds only its
// 74 characters and an IA5String only ASCII. OpenSSL loads names that break this; strict parsers refuse.
// names.ts asks while it decodes a Name, so the parser walks each Name once.
import type { Tlv } from "./der.js";

const PUNCTUATION = " '()+,-./:=?";

/** Whether a byte is one of PrintableString's characters: letters, digits and PUNCTUATION. */
function isPrintable(b: number): boolean {
  const letterOrDigit = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39);
  return letterOrDigit || PUNCTUATION.includes(String.fromCharCode(b));
}

/**
 * What an attribute value's string type breaks, e.g. `a PrintableString holds "@"…`, or undefined. The
 * bytes are tested in place; text is built only for the (rare) problem.
 */
export function stringProblem(buf: Uint8Array, value: Tlv): string | undefined {
  if (value.tag === 0x13) {
    for (let i = value.contentStart; i < value.end; i++) if (!isPrintable(buf[i])) return printableProblem(buf, value);
  }
  if (value.tag === 0x16) {
    for (let i = value.contentStart; i < value.end; i++) if (buf[i] > 0x7f) return "an IA5String holds non-ASCII bytes";
  }
  return undefined;
}

/** The value's bytes that `isPrintable` refuses, each as its Latin-1 character, in order. */
function printableProblem(buf: Uint8Array, value: Tlv): string {
  let refused = "";
  for (let i = value.contentStart; i < value.end; i++) if (!isPrintable(buf[i])) refused += String.fromCharCode(buf[i]);
  return `a PrintableString holds ${JSON.stringify(refused)}, which PrintableString cannot`;
}
