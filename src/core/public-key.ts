import type { KeyObject } from "node:crypto";
import { children, content, decodeOid, readTlv } from "./der.js";

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

const CURVE_OIDS: Record<string, { name: string; bits: number }> = {
  "1.2.840.10045.3.1.7": { name: "P-256", bits: 256 },
  "1.3.132.0.34": { name: "P-384", bits: 384 },
  "1.3.132.0.35": { name: "P-521", bits: 521 },
  "1.3.132.0.33": { name: "P-224", bits: 224 },
  "1.2.840.10045.3.1.1": { name: "P-192", bits: 192 },
  "1.3.132.0.10": { name: "secp256k1", bits: 256 },
};

/** Key facts read from the SubjectPublicKeyInfo DER for the common cases; undefined for the rest. */
export function describeSpki(spki: Buffer): KeyInfo | undefined {
  const [alg, bits] = children(spki, readTlv(spki, 0));
  const [oidTlv, params] = children(spki, alg);
  const oid = decodeOid(content(spki, oidTlv));
  if (oid === "1.2.840.10045.2.1" && params?.tag === 0x06) {
    const curve = CURVE_OIDS[decodeOid(content(spki, params))];
    return curve ? { algorithm: "EC", bits: curve.bits, curve: curve.name } : undefined;
  }
  if (oid === "1.2.840.113549.1.1.1") {
    const key = content(spki, bits).subarray(1);
    const [modulus] = children(Buffer.from(key), readTlv(Buffer.from(key), 0));
    const n = content(Buffer.from(key), modulus);
    let i = 0;
    while (i < n.length - 1 && n[i] === 0) i++;
    return { algorithm: "RSA", bits: (n.length - i - 1) * 8 + (32 - Math.clz32(n[i])) };
  }
  if (oid === "1.3.101.112") return { algorithm: "Ed25519" };
  if (oid === "1.3.101.113") return { algorithm: "Ed448" };
  return undefined;
}
