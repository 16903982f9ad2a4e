// RFC 5280 §4.2.1.10 / §6.1.4 (g) name constraints for dNSName, rfc822Name, iPAddress and
// directoryName. Other name forms are not evaluated: a constraint on one that the certificate uses fails
// closed. Work is bounded (LIMITS.maxNameConstraintChecks) against the x509-limbo "nc-dos" shapes.
import { LIMITS } from "../limits.js";
import type { Certificate } from "../x509/certificate.js";
import { children, readTlv } from "../x509/der.js";
import { decodeRdns, type NameAttribute, rdnKey } from "../x509/names.js";
import { type GeneralName, readGeneralName, subjectAltNames } from "../x509/san.js";

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

/** DNS names compare case-insensitively (RFC 5280 §7.2); the reader keeps them as encoded. */
function folded(n: GeneralName): GeneralName {
  return n.form === "dns" ? { ...n, text: n.text?.toLowerCase() } : n;
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
      list.push(folded(readGeneralName(buf, base)));
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
  // An iPAddress constraint of the wrong length only matters to a certificate with an iPAddress (violation
  // below), as in OpenSSL's nc_ip: a CA with one still issues host names.
  if (c.form === "ip" && ipConstraintOk(c)) {
    const len = c.bytes?.length ?? 0;
    const mask = (c.bytes as Buffer).subarray(len / 2);
    const bits = [...mask].map((b) => b.toString(2).padStart(8, "0")).join("");
    if (!/^1*0*$/.test(bits)) throw new NameConstraintError("iPAddress constraint mask is not a CIDR prefix");
  }
}

/** The names a certificate asserts: its subject (unless empty), emailAddress attributes, and its SAN. */
export function namesOf(cert: Certificate): GeneralName[] {
  const names: GeneralName[] = [];
  const subject = decodeRdns(cert.subjectDer, readTlv(cert.subjectDer, 0));
  if (subject.length) names.push({ form: "dn", rdns: subject });
  for (const a of subject.flat()) if (a.type === "emailAddress") names.push({ form: "email", text: a.value });
  names.push(...subjectAltNames(cert).map(folded));
  return names;
}

/**
 * The subject CN as a dNSName when the certificate has no dNSName of its own and the CN looks like a host
 * name (two or more labels): OpenSSL checks it against DNS name constraints for the end entity
 * (NAME_CONSTRAINTS_check_CN), as browsers once matched host names to CNs.
 */
export function commonNameAsDns(cert: Certificate): GeneralName[] {
  if (subjectAltNames(cert).some((n) => n.form === "dns")) return [];
  const cns = decodeRdns(cert.subjectDer, readTlv(cert.subjectDer, 0))
    .flat()
    .filter((a) => a.type === "CN")
    .map((a) => a.value.replace(/\.$/, ""));
  const hostLike = /^[A-Za-z0-9_]+(?:-+[A-Za-z0-9_]+)*(?:\.[A-Za-z0-9_]+(?:-+[A-Za-z0-9_]+)*)+$/;
  return cns.filter((cn) => hostLike.test(cn)).map((cn) => ({ form: "dns", text: cn.toLowerCase() }));
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

// RFC 5280 §7.1, as issuer names are compared.
const sameRdn = (a: NameAttribute[], b: NameAttribute[]) => a.length === b.length && rdnKey(a) === rdnKey(b);

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

const ipConstraintOk = (c: GeneralName) => c.bytes?.length === 8 || c.bytes?.length === 32;

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
    if (n.form === "ip" && [...nc.permitted, ...nc.excluded].some((c) => c.form === "ip" && !ipConstraintOk(c)))
      return "an iPAddress constraint is not address and mask, so the iPAddress cannot be checked";
    const label = n.text ?? (n.form === "dn" ? "the subject" : "an iPAddress");
    if (nc.excluded.some((c) => matches(n, c, true))) return `${label} is in an excluded subtree`;
    const permits = nc.permitted.filter((c) => c.form === n.form);
    if (permits.length && !permits.some((c) => matches(n, c, false)))
      return `${label} is outside the permitted subtrees`;
  }
  return undefined;
}
