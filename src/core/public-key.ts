import type { KeyObject } from "node:crypto";

export interface KeyInfo {
  algorithm: string;
  bits?: number;
  curve?: string;
  /** EC parameters spelled out instead of a named curve (RFC 5480 §2.1.1 forbids it) */
  explicitParameters?: boolean;
}

const CURVES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: "P-256", bits: 256 },
  secp384r1: { name: "P-384", bits: 384 },
  secp521r1: { name: "P-521", bits: 521 },
  secp224r1: { name: "P-224", bits: 224 },
  prime192v1: { name: "P-192", bits: 192 },
  secp256k1: { name: "secp256k1", bits: 256 },
};

export function describeKey(key: KeyObject): KeyInfo {
  const type = key.asymmetricKeyType ?? "unknown";
  const details = key.asymmetricKeyDetails ?? {};
  if (type === "rsa" || type === "rsa-pss") return { algorithm: "RSA", bits: details.modulusLength };
  if (type === "ec") {
    const curve = CURVES[details.namedCurve ?? ""];
    return { algorithm: "EC", bits: curve?.bits, curve: curve?.name ?? details.namedCurve };
  }
  if (type === "dsa") return { algorithm: "DSA", bits: details.modulusLength };
  return { algorithm: type === "ed25519" ? "Ed25519" : type === "ed448" ? "Ed448" : type };
}

export function formatKey(key: KeyInfo): string {
  if (key.curve) return `${key.algorithm} ${key.curve}`;
  return key.bits ? `${key.algorithm} ${key.bits}` : key.algorithm;
}
