import type { Certificate } from "./x509/certificate.js";

const DAY_MS = 86_400_000;

// RFC 5280 §4.1.2.5: the validity period includes both notBefore and notAfter, at one-second precision.
function seconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

export function isExpired(cert: Certificate, at: Date): boolean {
  return seconds(at) > seconds(cert.notAfter);
}

export function isNotYetValid(cert: Certificate, at: Date): boolean {
  return seconds(at) < seconds(cert.notBefore);
}

export function daysRemaining(cert: Certificate, at: Date): number {
  return Math.floor((cert.notAfter.getTime() - at.getTime()) / DAY_MS);
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
