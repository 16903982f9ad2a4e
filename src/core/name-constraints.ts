// RFC 5280 §4.2.1.10 / §6.1.4 (g) name constraints for dNSName, rfc822Name, iPAddress and
// directoryName. Other name forms are not evaluated: a constraint on one that the certificate uses fails
// closed. Work is bounded (LIMITS.maxNameConstraintChecks) against the x509-limbo "nc-dos" shapes.
import type { Certificate } from "./certificate.js";
import { children, content, readTlv, type Tlv } from "./der.js";
import { LIMITS } from "./limits.js";
import { decodeName, type NameAttribute } from "./names.js";

type Form = "dns" | "email" | "ip" | "dn" | "other";

interface GeneralName {
  form: Form;
  /** dns/email: the text; ip: the bytes (address, or address+mask in a constraint); dn: the RDNs */
  text?: string;
  bytes?: Buffer;
  rdns?: NameAttribute[][];
}

export interface NameConstraints {
  permitted: GeneralName[];
  excluded: GeneralName[];
}

export class NameConstraintError extends Error {}

const DNS_LABEL = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/i;
const validDns = (s: string, allowWildcard: boolean) => {
  const labels = (allowWildcard && s.startsWith("*.") ? s.slice(2) : s).replace(/\.$/, "").split(".");
  return labels.every((l) => DNS_LABEL.test(l));
};
const validEmail = (s: string) => s.split("@").length <= 2 && !/\s/.test(s);

function rdnsOf(buf: Buffer, name: Tlv): NameAttribute[][] {
  return children(buf, name).map((rdn) => decodeName(buf, { ...name, contentStart: rdn.start, end: rdn.end }));
}

function readGeneralName(buf: Buffer, t: Tlv): GeneralName {
  const text = () => Buffer.from(content(buf, t)).toString("latin1");
  if (t.tag === 0x82) return { form: "dns", text: text().toLowerCase() };
  if (t.tag === 0x81) return { form: "email", text: text() };
  if (t.tag === 0x87) return { form: "ip", bytes: Buffer.from(content(buf, t)) };
  if (t.tag === 0xa4) return { form: "dn", rdns: rdnsOf(buf, children(buf, t)[0]) };
  return { form: "other" };
}

/** Parses the extension value; a malformed constraint is an error (fail closed), not "no constraint". */
export function parseNameConstraints(value: Uint8Array): NameConstraints {
  const buf = Buffer.from(value);
  const nc: NameConstraints = { permitted: [], excluded: [] };
  for (const part of children(buf, readTlv(buf, 0))) {
    if (part.tag !== 0xa0 && part.tag !== 0xa1) throw new NameConstraintError("unexpected element");
    const list = part.tag === 0xa0 ? nc.permitted : nc.excluded;
    for (const subtree of children(buf, part)) {
      const [base] = children(buf, subtree);
      if (!base) throw new NameConstraintError("empty subtree");
      list.push(readGeneralName(buf, base));
    }
  }
  if (nc.permitted.length + nc.excluded.length === 0) throw new NameConstraintError("no subtrees at all");
  for (const c of [...nc.permitted, ...nc.excluded]) checkConstraint(c);
  return nc;
}

function checkConstraint(c: GeneralName): void {
  if (c.form === "dns" && c.text && !validDns(c.text, false))
    throw new NameConstraintError(`invalid dNSName constraint "${c.text}"`);
  if (c.form === "email" && c.text && !validEmail(c.text))
    throw new NameConstraintError(`invalid rfc822Name constraint "${c.text}"`);
  if (c.form === "ip") {
    const len = c.bytes?.length ?? 0;
    if (len !== 8 && len !== 32) throw new NameConstraintError("iPAddress constraint is not address and mask");
    const mask = (c.bytes as Buffer).subarray(len / 2);
    const bits = [...mask].map((b) => b.toString(2).padStart(8, "0")).join("");
    if (!/^1*0*$/.test(bits)) throw new NameConstraintError("iPAddress constraint mask is not a CIDR prefix");
  }
}

/** The names a certificate asserts: its subject (unless empty), emailAddress attributes, and its SAN. */
export function namesOf(cert: Certificate): GeneralName[] {
  const names: GeneralName[] = [];
  const subject = rdnsOf(cert.subjectDer, readTlv(cert.subjectDer, 0));
  if (subject.length) names.push({ form: "dn", rdns: subject });
  for (const a of subject.flat()) if (a.type === "emailAddress") names.push({ form: "email", text: a.value });
  const san = cert.extensions.find((e) => e.oid === "2.5.29.17");
  if (san) {
    const v = Buffer.from(san.value);
    for (const t of children(v, readTlv(v, 0))) names.push(readGeneralName(v, t));
  }
  return names;
}

const within = (name: string, c: string) => name === c || name.endsWith(`.${c}`);

function dnsMatch(name: string, c: string, excluding: boolean): boolean {
  const n = name.replace(/\.$/, "");
  const k = c.replace(/\.$/, "");
  if (k === "") return true;
  if (!n.startsWith("*.")) return within(n, k);
  const base = n.slice(2);
  // A wildcard is the set of its subdomains: excluded if it overlaps the subtree at all (CVE-2025-61727),
  // permitted only if it lies inside it.
  return excluding ? within(base, k) || within(k, base) : within(base, k);
}

function emailMatch(name: string, c: string): boolean {
  const at = name.lastIndexOf("@");
  const host = name.slice(at + 1).toLowerCase();
  if (c.includes("@")) {
    const [local, h] = [c.slice(0, c.lastIndexOf("@")), c.slice(c.lastIndexOf("@") + 1)];
    return name.slice(0, at) === local && host === h.toLowerCase();
  }
  return c.startsWith(".") ? host.endsWith(c.toLowerCase()) : host === c.toLowerCase();
}

function ipMatch(addr: Buffer, c: Buffer): boolean {
  if (c.length !== addr.length * 2) return false;
  const mask = c.subarray(addr.length);
  return [...addr].every((b, i) => (b & mask[i]) === (c[i] & mask[i]));
}

const sameRdn = (a: NameAttribute[], b: NameAttribute[]) =>
  a.length === b.length &&
  a.every((x, i) => x.type === b[i].type && x.value.trim().toLowerCase() === b[i].value.trim().toLowerCase());

function dnMatch(name: NameAttribute[][], c: NameAttribute[][]): boolean {
  return c.length <= name.length && c.every((rdn, i) => sameRdn(rdn, name[i]));
}

function matches(n: GeneralName, c: GeneralName, excluding: boolean): boolean {
  if (n.form !== c.form) return false;
  if (n.form === "dns") return dnsMatch(n.text ?? "", c.text ?? "", excluding);
  if (n.form === "email") return emailMatch(n.text ?? "", c.text ?? "");
  if (n.form === "ip") return ipMatch(n.bytes as Buffer, c.bytes as Buffer);
  if (n.form === "dn") return dnMatch(n.rdns ?? [], c.rdns ?? []);
  return false;
}

function invalidName(n: GeneralName): string | undefined {
  if (n.form === "dns" && !validDns(n.text ?? "", true)) return `the dNSName "${n.text}" is malformed`;
  if (n.form === "email" && (n.text ?? "").split("@").length !== 2) return `the email address "${n.text}" is malformed`;
  if (n.form === "ip" && n.bytes?.length !== 4 && n.bytes?.length !== 16) return "an iPAddress is not 4 or 16 bytes";
  return undefined;
}

/** Why the names break the constraints, or undefined when they fit. */
export function violation(names: GeneralName[], nc: NameConstraints): string | undefined {
  if (names.length * (nc.permitted.length + nc.excluded.length) > LIMITS.maxNameConstraintChecks)
    return `checking ${names.length} names against ${nc.permitted.length + nc.excluded.length} constraints exceeds the limit`;
  const constrainedForms = new Set([...nc.permitted, ...nc.excluded].map((c) => c.form));
  for (const n of names) {
    if (!constrainedForms.has(n.form)) continue;
    if (n.form === "other") return "a name form the tool does not evaluate is constrained";
    const bad = invalidName(n);
    if (bad) return bad;
    const label = n.text ?? (n.form === "dn" ? "the subject" : "an iPAddress");
    if (nc.excluded.some((c) => matches(n, c, true))) return `${label} is in an excluded subtree`;
    const permits = nc.permitted.filter((c) => c.form === n.form);
    if (permits.length && !permits.some((c) => matches(n, c, false)))
      return `${label} is outside the permitted subtrees`;
  }
  return undefined;
}
