import { createRequire } from "node:module";
import { type Certificate, parseCertificate } from "./certificate.js";
import { Memo } from "./memo.js";

let parsed: Certificate[] | undefined;

// node:tls (and net, stream…) is loaded only when a root is compared: ~5 ms of start-up otherwise.
const rootCertificates = (): readonly string[] => createRequire(import.meta.url)("node:tls").rootCertificates;

/** Node's bundled Mozilla root store, parsed on first use only (it is ~150 certificates). */
export function mozillaRoots(): Certificate[] {
  parsed ??= rootCertificates().map((pem) => parseCertificate(Buffer.from(pemBody(pem), "base64")));
  return parsed;
}

function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
}

let ders: Buffer[] | undefined;

/**
 * The same certificate, or a root with the same name and key (a re-issued self-signature). Compared as
 * bytes, without parsing the store: parsing ~150 roots would cost `check` more than everything else.
 */
const answers = new Memo<boolean>();

export function isMozillaRoot(cert: Certificate): boolean {
  const known = answers.get(cert.fingerprintSha256);
  if (known !== undefined) return known;
  ders ??= rootCertificates().map((pem) => Buffer.from(pemBody(pem), "base64"));
  const spki = cert.spkiDer;
  const found = ders.some((der) => der.equals(cert.der) || (der.includes(cert.subjectDer) && der.includes(spki)));
  return answers.set(cert.fingerprintSha256, found);
}
