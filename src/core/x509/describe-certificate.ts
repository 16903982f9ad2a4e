import { createHash } from "node:crypto";
import type { Certificate } from "./certificate.js";
import { colonHex } from "./der.js";
import { ekuName } from "./oids.js";
import { formatKey, type KeyInfo } from "./public-key.js";
import { subjectAltNames, subjectAltNameTexts } from "./san.js";
import { isSelfSigned } from "./signature.js";
import { daysRemaining } from "./validity.js";

/** Every field `inspect` shows; the element of `inspect --json`'s `certificates`. */
export interface CertificateDetails {
  index: number;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  daysRemaining: number;
  fingerprintSha256: string;
  fingerprintSha1: string;
  key: KeyInfo & { description: string };
  signatureAlgorithm: string;
  subjectAltNames: string[];
  keyUsage?: string[];
  extendedKeyUsage?: string[];
  basicConstraints?: { ca: boolean; pathLength?: number };
  subjectKeyId?: string;
  authorityKeyId?: string;
  ocspUrls: string[];
  caIssuersUrls: string[];
  crlDistributionPoints: string[];
  selfSigned: boolean;
  /** a cross-signed copy of another certificate in the file (same subject and key, another issuer) */
  crossSigned?: { issuer: string; sameAs: number };
  /** what breaks DER or RFC 5280, as "field: problem"; only present when something does */
  malformed?: string[];
}

const colons = (hex?: string) => (hex ? colonHex(hex) : undefined);

export function describeCertificate(cert: Certificate, index: number, at: Date): CertificateDetails {
  const details = describeFields(cert, index, at);
  if (cert.defects.length === 0) return details;
  // A field that could not be read shows why instead of the stand-in value the reader used.
  for (const d of cert.defects.filter((x) => x.fatal)) {
    const key = d.field === "serial" ? "serialNumber" : d.field;
    if (key in details) Object.assign(details, { [key]: `(malformed: ${d.problem})` });
  }
  return { ...details, malformed: cert.defects.map((d) => `${d.field}: ${d.problem}`) };
}

function describeFields(cert: Certificate, index: number, at: Date): CertificateDetails {
  return {
    index,
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysRemaining: daysRemaining(cert, at),
    fingerprintSha256: cert.fingerprintSha256,
    fingerprintSha1: colonHex(createHash("sha1").update(cert.der).digest("hex")),
    key: { ...cert.key, description: formatKey(cert.key) },
    signatureAlgorithm: cert.signatureAlgorithm.name,
    subjectAltNames: sanTexts(cert),
    keyUsage: cert.keyUsage,
    extendedKeyUsage: cert.extKeyUsage?.map(ekuName),
    basicConstraints: cert.basicConstraints,
    subjectKeyId: colons(cert.subjectKeyId),
    authorityKeyId: colons(cert.authorityKeyId),
    ocspUrls: cert.aia.ocsp,
    caIssuersUrls: cert.aia.caIssuers,
    crlDistributionPoints: cert.crlDistributionPoints,
    selfSigned: isSelfSigned(cert),
  };
}

/** node:crypto's SAN text; a certificate it refuses to load (a fatal DER defect) gets ours, plainer. */
function sanTexts(cert: Certificate): string[] {
  try {
    return subjectAltNameTexts(cert);
  } catch {
    return subjectAltNames(cert).map((n) =>
      n.form === "dns" ? `DNS:${n.text}` : n.form === "ip" ? `IP Address:${n.bytes?.join(".")}` : n.form,
    );
  }
}
