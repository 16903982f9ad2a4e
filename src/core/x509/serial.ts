// Serial numbers (RFC 5280 §4.1.2.2) written as hex. The same serial reaches us spelled several ways:
// the DER INTEGER content (a 00 sign octet before a high bit), @peculiar/x509 (sign octet dropped, lower
// case), Node's TLS peer certificate (upper case) and people (colons, leading zeros). Comparing the
// spellings as text missed a revoked certificate in a CRL whenever the serial's first octet was 01–0F.
import { toHex } from "./der.js";

/**
 * The one spelling we show and compare: upper case, no separators, no leading zero octets (so no DER
 * sign octet), but whole octets ("0A1B", not "A1B"), as OpenSSL and browsers print serials.
 */
export function normaliseSerial(hex: string): string {
  const digits = hex.replace(/[\s:]/g, "").toUpperCase();
  if (digits === "") return "";
  const significant = digits.replace(/^0+/, "");
  if (significant === "") return "00";
  return significant.length % 2 === 1 ? `0${significant}` : significant;
}

/** The serial of an INTEGER's content octets, in the spelling of normaliseSerial. */
export function serialHex(bytes: Uint8Array): string {
  return normaliseSerial(toHex(bytes));
}

/** Whether two hex spellings name the same serial number. */
export function sameSerial(a: string, b: string): boolean {
  return normaliseSerial(a) === normaliseSerial(b);
}
