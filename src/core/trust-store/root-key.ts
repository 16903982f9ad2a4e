import { createHash } from "node:crypto";
import { readTlv } from "../x509/der.js";

/**
 * What makes a root "the same" as a store root: its name and its key (RFC 5280 §6.1.1: a trust anchor is a
 * name and a public key), so a re-issued self-signature still counts. A hash, so the store can be a small
 * table built into the package instead of ~150 certificates parsed at every start (issue 16).
 */
export function rootKey(nameDer: Buffer, spkiDer: Buffer): string {
  // A DER Name carries its own length, so the two cannot run into each other.
  return createHash("sha256").update(nameDer).update(spkiDer).digest("hex").slice(0, 32);
}

/** The base64 body of a PEM certificate. */
export function pemDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
}

/** A root's keys under its issuer and its subject name, found by stepping over the TBS fields (RFC 5280 §4.1). */
export function keysOfRoot(der: Buffer): string[] {
  const tbs = readTlv(der, readTlv(der, 0).contentStart);
  let field = readTlv(der, tbs.contentStart);
  if (field.tag === 0xa0) field = readTlv(der, field.end);
  const signature = readTlv(der, field.end);
  const issuer = readTlv(der, signature.end);
  const validity = readTlv(der, issuer.end);
  const subject = readTlv(der, validity.end);
  const spki = readTlv(der, subject.end);
  const part = (t: { start: number; end: number }) => der.subarray(t.start, t.end);
  return [...new Set([rootKey(part(issuer), part(spki)), rootKey(part(subject), part(spki))])];
}
