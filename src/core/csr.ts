import { webcrypto } from "node:crypto";
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
  const x509 = await loadX509();
  const alg = ALGORITHMS[r.keyType];
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const extensions: InstanceType<typeof x509.Extension>[] = [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
  ];
  if (r.sans.length) extensions.push(new x509.SubjectAlternativeNameExtension(r.sans.map(sanEntry)));
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: new x509.Name(subjectOf(r)),
    keys,
    signingAlgorithm: alg.name === "ECDSA" ? { name: "ECDSA", hash: "SHA-256" } : alg,
    extensions,
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    keyPem: `${x509.PemConverter.encode(pkcs8, "PRIVATE KEY")}\n`,
    csrPem: `${csr.toString("pem")}\n`,
  };
}
