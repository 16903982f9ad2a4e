import { createHash } from "node:crypto";
import type { Certificate } from "./certificate.js";
import { colonHex } from "./der.js";
import { isoString } from "./iso-time.js";
import { ekuName } from "./oids.js";
import { formatKey, type KeyInfo } from "./public-key.js";
import { type GeneralName, subjectAltNames, subjectAltNameTexts } from "./san.js";
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
    notBefore: isoString(cert.notBefore),
    notAfter: isoString(cert.notAfter),
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

// A name node:crypto prints as it is (it quotes anything else, Node's fix for CVE-2021-44532).
const PLAIN = /^[A-Za-z0-9.*_@-]+$/;

/** "DNS:…", "email:…", "IP Address:…" for names node:crypto prints unquoted; undefined for any other. */
function plainText(n: GeneralName): string | undefined {
  if ((n.form === "dns" || n.form === "email") && n.text && PLAIN.test(n.text))
    return `${n.form === "dns" ? "DNS" : "email"}:${n.text}`;
  if (n.form === "ip" && n.bytes?.length === 4) return `IP Address:${n.bytes.join(".")}`;
  return undefined;
}

/**
 * node:crypto's SAN text. Common names (plain DNS and email names, IPv4) are written here in the same form:
 * loading the certificate into node:crypto costs far more than `check` spends on it otherwise. A certificate
 * node:crypto refuses to load (a fatal DER defect) gets ours, plainer.
 */
export function sanTexts(cert: Certificate): string[] {
  try {
    const plain = subjectAltNames(cert).map(plainText);
    if (plain.every((t) => t !== undefined)) return plain as string[];
  } catch {
    // an extension our reader cannot walk: node:crypto's text, or the fallback below
  }
  try {
    return subjectAltNameTexts(cert);
  } catch {
    return subjectAltNames(cert).map((n) =>
      n.form === "dns" ? `DNS:${n.text}` : n.form === "ip" ? `IP Address:${n.bytes?.join(".")}` : n.form,
    );
  }
}
