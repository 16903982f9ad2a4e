import type { Certificate } from "./certificate.js";
import { isoString } from "./iso-time.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// RFC 5280 §4.1.2.5 makes the validity period include both notBefore and notAfter, at one-second
// precision. OpenSSL, the gateway's verifier, counts a certificate as expired at the second of its notAfter
// (X509_cmp_time is -1 for "earlier than or equal"), so the verdict does too: saying "valid" for a chain the
// gateway refuses is the failure this tool exists to prevent. notBefore stays inclusive, as in OpenSSL.
function seconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

export function isExpired(cert: Certificate, at: Date): boolean {
  return seconds(at) >= seconds(cert.notAfter);
}

export function isNotYetValid(cert: Certificate, at: Date): boolean {
  return seconds(at) < seconds(cert.notBefore);
}

/**
 * Whole days left, rounded down: 9 days 1.5 hours is 9 days. That is the count `expiresWithin` compares
 * (less than N whole days), so "in 9 day(s) (less than --fail-days 10)" never reads as 10 against 10.
 * Once expired, days ago, negative (a started day counts: expired an hour ago is -1, never 0).
 */
export function daysRemaining(cert: Certificate, at: Date): number {
  const ms = cert.notAfter.getTime() - at.getTime();
  return Math.floor(ms / DAY_MS);
}

/** Whether notAfter comes less than `days` whole days after `at`, measured exactly, not by rounded counts. */
export function expiresWithin(cert: Certificate, at: Date, days: number): boolean {
  return cert.notAfter.getTime() - at.getTime() < days * DAY_MS;
}

/**
 * An expiry threshold: whole days, or a share of the certificate's own lifetime (`--warn-days 20%`, as
 * step's needs-renewal judges short-lived certificates: a fixed 30 days says nothing about a 7-day one).
 */
export type ExpiryThreshold = number | { percent: number };

/** Whether less than the threshold is left: days measured exactly, a share of notBefore → notAfter. */
export function expiresWithinThreshold(cert: Certificate, at: Date, threshold: ExpiryThreshold): boolean {
  if (typeof threshold === "number") return expiresWithin(cert, at, threshold);
  const lifetime = cert.notAfter.getTime() - cert.notBefore.getTime();
  return cert.notAfter.getTime() - at.getTime() < (lifetime * threshold.percent) / 100;
}

/** The threshold as the flag was given: `14` or `20%`. */
export function thresholdText(threshold: ExpiryThreshold): string {
  return typeof threshold === "number" ? String(threshold) : `${threshold.percent}%`;
}

/** What is left, as a person reads it: hours in the last day, else whole days (rounded down). */
export function timeLeftText(cert: Certificate, at: Date): string {
  const ms = cert.notAfter.getTime() - at.getTime();
  if (ms < DAY_MS) return `${Math.max(0, Math.ceil(ms / HOUR_MS))} hour(s)`;
  return `${daysRemaining(cert, at)} day(s)`;
}

export function isoDay(d: Date): string {
  return isoString(d).slice(0, 10);
}
