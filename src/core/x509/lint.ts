// Lint facts peers check (zlint, pkilint, x509lint) that OpenSSL loads without a word: key usage against the
// key type, Name string types and sizes, subjectAltName syntax. Each returns the problems it sees as phrases.
import type { Certificate } from "./certificate.js";
import { children, content, decodeOid, readTlv } from "./der.js";
import { OID } from "./oids.js";
import type { GeneralName } from "./san.js";

/** Key usage bits each key type cannot use (RFC 3279 §2.3, RFC 5480 §3, RFC 8410 §5). */
const FORBIDDEN_BITS: Record<string, string[]> = {
  RSA: ["keyAgreement", "encipherOnly", "decipherOnly"],
  EC: ["keyEncipherment", "dataEncipherment"],
  DSA: ["keyEncipherment", "dataEncipherment", "keyAgreement", "encipherOnly", "decipherOnly"],
  Ed25519: ["keyEncipherment", "dataEncipherment", "keyAgreement", "encipherOnly", "decipherOnly"],
  Ed448: ["keyEncipherment", "dataEncipherment", "keyAgreement", "encipherOnly", "decipherOnly"],
};

export function keyUsageKeyTypeProblems(cert: Certificate): string[] {
  const forbidden = FORBIDDEN_BITS[cert.key.algorithm] ?? [];
  return (cert.keyUsage ?? []).filter((bit) => forbidden.includes(bit));
}

/** X.520 upper bound ub-common-name (RFC 5280 Appendix A): 64 characters. */
export const UB_COMMON_NAME = 64;

const COUNTRY = "2.5.4.6";
const TAG_NAMES: Record<number, string> = { 20: "T61String", 21: "VideotexString", 28: "UniversalString" };
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * What a Name's attribute strings break of RFC 5280 §4.1.2.4 and Appendix A: countryName other than a
 * two-letter PrintableString, a deprecated string type (T61String…), control characters.
 */
export function nameTypeProblems(nameDer: Buffer): string[] {
  const out: string[] = [];
  for (const rdn of children(nameDer, readTlv(nameDer, 0)))
    for (const atv of children(nameDer, rdn)) {
      const [type, value] = children(nameDer, atv);
      if (type?.tag !== 0x06 || !value) continue;
      const oid = decodeOid(content(nameDer, type));
      const bytes = Buffer.from(content(nameDer, value));
      if (oid === COUNTRY && (value.tag !== 0x13 || bytes.length !== 2))
        out.push("countryName is not a two-letter PrintableString");
      if (TAG_NAMES[value.tag]) out.push(`an attribute is a ${TAG_NAMES[value.tag]}`);
      if (CONTROL.test(value.tag === 0x0c ? bytes.toString("utf8") : bytes.toString("latin1")))
        out.push("an attribute holds control characters");
    }
  return [...new Set(out)];
}

const LDH_LABEL = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$/;

function dnsProblem(name: string): string | undefined {
  if (name === "") return "an empty dNSName";
  const labels = name.split(".");
  // A wildcard is only a whole left-most label (CA/B BR §7.1.4.2.1); "_" is cert.san-dns-invalid's.
  if (labels[0] === "*") labels.shift();
  if (labels.some((l) => l === "")) return `dNSName "${name}" has an empty label`;
  if (labels.some((l) => l.length > 63)) return `dNSName "${name}" has a label over 63 characters`;
  if (labels.some((l) => !LDH_LABEL.test(l))) return `dNSName "${name}" is not letters, digits and hyphens`;
  return undefined;
}

/** subjectAltName entries whose syntax RFC 5280 §4.2.1.6 forbids (bad lengths and bytes are cert.non-der's). */
export function sanSyntaxProblems(cert: Certificate): string[] {
  const ext = cert.extensions.find((e) => e.oid === OID.subjectAltName);
  if (!ext) return [];
  const out: string[] = [];
  let names: GeneralName[];
  try {
    names = cert.altNames;
  } catch {
    return [];
  }
  for (const n of names) {
    if (n.form === "dns" && n.text !== undefined) {
      const p = dnsProblem(n.text);
      if (p) out.push(p);
    }
    if (n.form === "email" && !/^[^@\s]+@[^@\s]+$/.test(n.text ?? ""))
      out.push(`rfc822Name "${n.text}" is not local@domain`);
  }
  // A URI reads as a name of form "other": without one there is nothing more to walk.
  if (!names.some((n) => n.form === "other")) return out;
  const buf = Buffer.from(ext.value);
  for (const t of children(buf, readTlv(buf, 0)))
    if (t.tag === 0x86) {
      const uri = Buffer.from(content(buf, t)).toString("latin1");
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(uri)) out.push(`uniformResourceIdentifier "${uri}" has no scheme`);
    }
  return out;
}
