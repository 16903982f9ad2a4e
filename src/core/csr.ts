import { createPublicKey, type KeyObject, webcrypto } from "node:crypto";
import { isIP } from "node:net";
import type { KeyType } from "./x509/key-types.js";
import { loadX509 } from "./x509/x509-lib.js";

// A key and a PKCS#10 request (RFC 2986) shaped for ConnectPay: the leaf must be usable as a TLS client
// certificate (clientAuth EKU, digitalSignature), docs/connectpay.md §1. The CA decides what it signs;
// the request says what to ask for, and `openssl req -verify -text` shows it.

export interface CsrRequest {
  cn: string;
  org?: string;
  country?: string;
  sans: string[];
  keyType: KeyType;
}

const ALGORITHMS: Record<KeyType, RsaHashedKeyGenParams | EcKeyGenParams> = {
  "ec-p256": { name: "ECDSA", namedCurve: "P-256" },
  "rsa-3072": {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 3072,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  },
  "rsa-2048": {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  },
};

/** A SAN entry by its shape: an IP address, an e-mail address, else a DNS name (RFC 5280 §4.2.1.6). */
function sanEntry(value: string): { type: "ip" | "email" | "dns"; value: string } {
  if (isIP(value)) return { type: "ip", value };
  return { type: value.includes("@") ? "email" : "dns", value };
}

/** The subject as an ordered list of attributes, so no value needs escaping (a CN may hold a comma). */
function subjectOf(r: CsrRequest): Record<string, string[]>[] {
  const name: Record<string, string[]>[] = [];
  if (r.country) name.push({ C: [r.country] });
  if (r.org) name.push({ O: [r.org] });
  name.push({ CN: [r.cn] });
  return name;
}

export async function makeKeyAndCsr(r: CsrRequest): Promise<{ keyPem: string; csrPem: string }> {
  const alg = ALGORITHMS[r.keyType];
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const csrPem = await makeCsr(r, keys, signingAlgorithm(alg));
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  const x509 = await loadX509();
  return { keyPem: `${x509.PemConverter.encode(pkcs8, "PRIVATE KEY")}\n`, csrPem };
}

/** Curves a CSR may name: what public CAs issue TLS client certificates for (CA/B BR §6.1.5). */
const CURVES: Record<string, { namedCurve: string; hash: string }> = {
  prime256v1: { namedCurve: "P-256", hash: "SHA-256" },
  secp384r1: { namedCurve: "P-384", hash: "SHA-384" },
  secp521r1: { namedCurve: "P-521", hash: "SHA-512" },
};

/** Why a key cannot be reused for a ConnectPay client certificate, or undefined when it can. */
export function reuseRefusal(key: KeyObject): string | undefined {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === "ec")
    return CURVES[details.namedCurve ?? ""] ? undefined : `an EC key on ${details.namedCurve ?? "an unnamed curve"}`;
  if (type === "rsa")
    return (details.modulusLength ?? 0) >= 2048 ? undefined : `a ${details.modulusLength}-bit RSA key`;
  return `a key of type ${type ?? "unknown"}`;
}

/** "EC P-256", "RSA 3072 bits": how `csr` names a reused key. */
export function describeReusedKey(key: KeyObject): string {
  const d = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === "ec") return `EC ${CURVES[d.namedCurve ?? ""]?.namedCurve ?? d.namedCurve}`;
  return `RSA ${d.modulusLength} bits`;
}

/**
 * A request for an existing key (same-key renewal, as many CAs renew). The key is only used to sign the
 * request here; nothing of it is written or returned.
 */
export async function makeCsrForKey(r: Omit<CsrRequest, "keyType">, privateKey: KeyObject): Promise<string> {
  const refusal = reuseRefusal(privateKey);
  if (refusal) throw new Error(`cannot make a request for ${refusal}`);
  const curve = CURVES[privateKey.asymmetricKeyDetails?.namedCurve ?? ""];
  const alg: RsaHashedImportParams | EcKeyImportParams = curve
    ? { name: "ECDSA", namedCurve: curve.namedCurve }
    : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const keys = {
    privateKey: await webcrypto.subtle.importKey("pkcs8", pkcs8, alg, false, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", spki, alg, true, ["verify"]),
  } as CryptoKeyPair;
  const signing = curve ? { name: "ECDSA", hash: curve.hash } : alg;
  return makeCsr({ ...r, keyType: "ec-p256" }, keys, signing);
}

function signingAlgorithm(alg: RsaHashedKeyGenParams | EcKeyGenParams): Algorithm {
  return alg.name === "ECDSA" ? ({ name: "ECDSA", hash: "SHA-256" } as Algorithm) : alg;
}

async function makeCsr(r: CsrRequest, keys: CryptoKeyPair, signingAlgorithm: Algorithm): Promise<string> {
  const x509 = await loadX509();
  const extensions: InstanceType<typeof x509.Extension>[] = [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
  ];
  if (r.sans.length) extensions.push(new x509.SubjectAlternativeNameExtension(r.sans.map(sanEntry)));
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: new x509.Name(subjectOf(r)),
    keys,
    signingAlgorithm,
    extensions,
  });
  return `${csr.toString("pem")}\n`;
}
