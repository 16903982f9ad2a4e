// The string types of Name attributes (X.680 §41, RFC 5280 §4.1.2.4): a PrintableString holds only its
// 74 characters and an IA5String only ASCII. OpenSSL loads names that break this; strict parsers refuse.
import { children, content, type Tlv } from "./der.js";

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** The problems of one Name's attribute strings, e.g. `PrintableString "a@b" holds "@"`. */
export function nameStringProblems(buf: Uint8Array, name: Tlv): string[] {
  const out: string[] = [];
  for (const rdn of children(buf, name))
    for (const attr of children(buf, rdn)) {
      const value = children(buf, attr)[1];
      const problem = value && stringProblem(Buffer.from(content(buf, value)), value.tag);
      if (problem) out.push(problem);
    }
  return out;
}

export function stringProblem(bytes: Buffer, tag: number): string | undefined {
  const text = bytes.toString("latin1");
  if (tag === 0x13 && !PRINTABLE.test(text))
    return `a PrintableString holds ${JSON.stringify(text.replace(PRINTABLE_CHARS, ""))}, which PrintableString cannot`;
  if (tag === 0x16 && bytes.some((b) => b > 0x7f)) return "an IA5String holds non-ASCII bytes";
  return undefined;
}

const PRINTABLE_CHARS = /[A-Za-z0-9 '()+,\-./:=?]/g;
