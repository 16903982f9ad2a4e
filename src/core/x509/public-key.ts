import type { KeyObject } from "node:crypto";
import { curveByOid, curveByOpensslName } from "./algorithms.js";
import { children, content, oidAt, readTlv, type Tlv } from "./der.js";
import { KEY_ALGORITHM } from "./oids.js";

export interface KeyInfo {
  algorithm: string;
  bits?: number;
  curve?: string;
  /** EC parameters spelled out instead of a named curve (RFC 5480 §2.1.1 forbids it) */
  explicitParameters?: boolean;
  /** a DSA key without p, q, g: they are its issuer's (RFC 3279 §2.3.2), so the key is unusable on its own */
  inheritedParameters?: boolean;
}

export function describeKey(key: KeyObject): KeyInfo {
  const type = key.asymmetricKeyType ?? "unknown";
  const details = key.asymmetricKeyDetails ?? {};
  if (type === "rsa" || type === "rsa-pss") return { algorithm: "RSA", bits: details.modulusLength };
  if (type === "ec") {
    const curve = curveByOpensslName(details.namedCurve ?? "");
    return { algorithm: "EC", bits: curve?.bits, curve: curve?.name ?? details.namedCurve };
  }
  if (type === "dsa") return { algorithm: "DSA", bits: details.modulusLength };
  return { algorithm: type === "ed25519" ? "Ed25519" : type === "ed448" ? "Ed448" : type };
}

export function formatKey(key: KeyInfo): string {
  if (key.inheritedParameters) return `${key.algorithm} (parameters inherited from the issuer)`;
  if (key.curve) return `${key.algorithm} ${key.curve}`;
  return key.bits ? `${key.algorithm} ${key.bits}` : key.algorithm;
}

/**
 * Key facts read from the SubjectPublicKeyInfo DER for the common cases, and for an rsaEncryption key the bits
 * of its public exponent (RFC 8017 §A.1.1, leading zero octets ignored), from one read; undefined for the rest.
 */
export function readSpki(spki: Buffer): { key: KeyInfo; exponentBits: number | undefined } | undefined {
  // By index: array patterns run the iterator protocol, which unoptimised code (a cold start) allocates for.
  const parts = children(spki, readTlv(spki, 0));
  const alg = parts[0];
  const bits = parts[1];
  const algParts = children(spki, alg);
  const oidTlv = algParts[0];
  const params = algParts[1];
  const oid = oidAt(spki, oidTlv);
  if (oid === KEY_ALGORITHM.ecPublicKey && params?.tag === 0x06) {
    const curve = curveByOid(oidAt(spki, params));
    return curve
      ? { key: { algorithm: "EC", bits: curve.bits, curve: curve.name }, exponentBits: undefined }
      : undefined;
  }
  if (oid === KEY_ALGORITHM.rsaEncryption) return rsaKey(content(spki, bits));
  const key = otherKey(spki, oid, params);
  return key && { key, exponentBits: undefined };
}

function otherKey(spki: Buffer, oid: string, params: Tlv | undefined): KeyInfo | undefined {
  if (oid === KEY_ALGORITHM.dsa) return dsaKey(spki, params);
  if (oid === KEY_ALGORITHM.ed25519) return { algorithm: "Ed25519" };
  if (oid === KEY_ALGORITHM.ed448) return { algorithm: "Ed448" };
  return undefined;
}

/** An rsaEncryption key: its modulus must read (or the SPKI is refused); an unreadable exponent is undefined. */
function rsaKey(bitString: Uint8Array): { key: KeyInfo; exponentBits: number | undefined } {
  const key = Buffer.from(bitString.subarray(1));
  const [modulus, exponent] = children(key, readTlv(key, 0));
  return {
    key: { algorithm: "RSA", bits: unsignedBits(content(key, modulus)) },
    exponentBits: exponentBits(key, exponent),
  };
}

function exponentBits(key: Buffer, exponent: Tlv | undefined): number | undefined {
  try {
    return exponent ? unsignedBits(content(key, exponent)) : undefined;
  } catch {
    return undefined;
  }
}

/** Dss-Parms ::= SEQUENCE { p, q, g } gives the size; absent parameters are inherited from the issuer. */
function dsaKey(spki: Buffer, params: Tlv | undefined): KeyInfo {
  if (params?.tag !== 0x30) return { algorithm: "DSA", inheritedParameters: true };
  const [p] = children(spki, params);
  return { algorithm: "DSA", bits: p?.tag === 0x02 ? unsignedBits(content(spki, p)) : undefined };
}

/** The bits of the public exponent of a key node:crypto read (RSA-PSS keys, which readSpki leaves to it). */
export function exponentBitsOf(key: KeyObject): number | undefined {
  const e = key.asymmetricKeyDetails?.publicExponent;
  return e === undefined ? undefined : e.toString(2).length;
}

function unsignedBits(n: Uint8Array): number {
  let i = 0;
  while (i < n.length - 1 && n[i] === 0) i++;
  return n.length === 0 ? 0 : (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]));
}
