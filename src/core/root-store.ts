import { rootCertificates } from "node:tls";
import { type Certificate, parseCertificate } from "./certificate.js";

let parsed: Certificate[] | undefined;

/** Node's bundled Mozilla root store, parsed on first use only (it is ~150 certificates). */
export function mozillaRoots(): Certificate[] {
  parsed ??= rootCertificates.map((pem) => parseCertificate(Buffer.from(pemBody(pem), "base64")));
  return parsed;
}

function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
}

/** The same certificate, or a root with the same name and key (a re-issued self-signature). */
export function isMozillaRoot(cert: Certificate): boolean {
  const body = cert.der.toString("base64");
  if (rootCertificates.some((pem) => pemBody(pem) === body)) return true;
  const spki = cert.native.publicKey.export({ type: "spki", format: "der" });
  return mozillaRoots().some(
    (r) =>
      r.subjectDer.equals(cert.subjectDer) && r.native.publicKey.export({ type: "spki", format: "der" }).equals(spki),
  );
}
