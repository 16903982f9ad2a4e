import { createRequire } from "node:module";
import { type Certificate, parseCertificate } from "./x509/certificate.js";
import { readTlv } from "./x509/der.js";

// node:tls (and net, stream…) is loaded only when a root is compared: ~5 ms of start-up otherwise.
const rootCertificates = (): readonly string[] => createRequire(import.meta.url)("node:tls").rootCertificates;

function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
}

// Kept module-level on purpose: both are built once from the Mozilla store compiled into this Node
// binary, which cannot differ between two runs in one process, and nothing writes to them afterwards.
let parsed: readonly Certificate[] | undefined;
let byName: ReadonlyMap<string, readonly Buffer[]> | undefined;

/** Node's bundled Mozilla root store, parsed on first use only (it is ~150 certificates). */
export function mozillaRoots(): Certificate[] {
  parsed ??= rootCertificates().map((pem) => Object.freeze(parseCertificate(Buffer.from(pemBody(pem), "base64"))));
  return [...parsed];
}

/** A root's issuer and subject Name DER, found by stepping over the fields before them (RFC 5280 §4.1). */
function rootNames(der: Buffer): string[] {
  const tbs = readTlv(der, readTlv(der, 0).contentStart);
  let field = readTlv(der, tbs.contentStart);
  if (field.tag === 0xa0) field = readTlv(der, field.end);
  const signature = readTlv(der, field.end);
  const issuer = readTlv(der, signature.end);
  const subject = readTlv(der, readTlv(der, issuer.end).end);
  return [der.toString("latin1", issuer.start, issuer.end), der.toString("latin1", subject.start, subject.end)];
}

/** Each root's DER under its issuer and subject names, without a full parse. */
function rootsByName(): ReadonlyMap<string, readonly Buffer[]> {
  const map = new Map<string, Buffer[]>();
  for (const pem of rootCertificates()) {
    const der = Buffer.from(pemBody(pem), "base64");
    for (const name of new Set(rootNames(der))) {
      const list = map.get(name);
      if (list) list.push(der);
      else map.set(name, [der]);
    }
  }
  return map;
}

/**
 * The same certificate, or a root with the same name and key (a re-issued self-signature). Compared as
 * bytes, without parsing the store: parsing ~150 roots would cost `check` more than everything else. The
 * roots are looked up by name first, so a directory of bundles with private roots stays cheap.
 */
export function isMozillaRoot(cert: Certificate): boolean {
  byName ??= rootsByName();
  const spki = cert.spkiDer;
  const candidates = byName.get(cert.subjectDer.toString("latin1")) ?? [];
  return candidates.some((der) => der.equals(cert.der) || der.includes(spki));
}
