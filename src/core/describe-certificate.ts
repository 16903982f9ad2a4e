import { daysRemaining } from "./validity.js";
import type { Certificate } from "./x509/certificate.js";
import { colonHex } from "./x509/der.js";
import { ekuName } from "./x509/oids.js";
import { formatKey, type KeyInfo } from "./x509/public-key.js";
import { subjectAltNameTexts } from "./x509/san.js";
import { isSelfSigned } from "./x509/signature.js";

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
}

const colons = (hex?: string) => (hex ? colonHex(hex) : undefined);

export function describeCertificate(cert: Certificate, index: number, at: Date): CertificateDetails {
  return {
    index,
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysRemaining: daysRemaining(cert, at),
    fingerprintSha256: cert.fingerprintSha256,
    fingerprintSha1: cert.native.fingerprint,
    key: { ...cert.key, description: formatKey(cert.key) },
    signatureAlgorithm: cert.signatureAlgorithm.name,
    subjectAltNames: subjectAltNameTexts(cert),
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
