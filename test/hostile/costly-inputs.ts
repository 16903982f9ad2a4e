import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, webcrypto } from "node:crypto";
import forge from "node-forge";
import { loadX509 } from "../../src/core/x509/x509-lib.js";

// Inputs that are small on disk and costly to judge: the shapes of the third red-team pass.

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const EC = { name: "ECDSA", namedCurve: "P-256" };
const dates = { notBefore: new Date("2024-01-01"), notAfter: new Date("2099-01-01") };

async function rsaCryptoKey(key: KeyObject): Promise<CryptoKey> {
  const der = key.export({ type: "pkcs8", format: "der" });
  return webcrypto.subtle.importKey("pkcs8", der, RSA, true, ["sign"]);
}

const b64u = (n: bigint) =>
  Buffer.from(n.toString(16).padStart(Math.ceil(n.toString(16).length / 2) * 2, "0"), "hex").toString("base64url");
const fromB64u = (s: string) => BigInt(`0x${Buffer.from(s, "base64url").toString("hex")}`);

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** An RSA key whose public exponent has about `bits` bits: Node's key generator stops at 32. */
export function rsaKeyWithExponent(bits: number, modulusLength = 2048): { privateKey: KeyObject; spkiDer: Buffer } {
  const jwk = generateKeyPairSync("rsa", { modulusLength }).privateKey.export({ format: "jwk" });
  const [p, q] = [fromB64u(jwk.p as string), fromB64u(jwk.q as string)];
  const phi = (p - 1n) * (q - 1n);
  let e = (1n << BigInt(bits - 1)) + 1n;
  while (gcd(e, phi) !== 1n) e += 2n;
  const d = modInverse(e, phi);
  const privateKey = createPrivateKey({
    format: "jwk",
    key: { ...jwk, e: b64u(e), d: b64u(d), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)) },
  });
  return { privateKey, spkiDer: spkiOf(privateKey) };
}

function spkiOf(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: "spki", format: "der" });
}

/** A certificate with any public key (given as SPKI DER) signed by any key. */
async function certificate(opts: {
  subject: string;
  issuer: string;
  spki: ArrayBuffer | Buffer;
  signer: CryptoKey;
  algorithm: Algorithm | EcdsaParams;
  ca?: boolean;
  serial: string;
  extensions?: { oid: string; der: Buffer }[];
}): Promise<string> {
  const x509 = await loadX509();
  const publicKey = new x509.PublicKey(new Uint8Array(opts.spki));
  const extensions = [
    ...(opts.ca ? [new x509.BasicConstraintsExtension(true, undefined, true)] : []),
    ...(opts.extensions ?? []).map((e) => new x509.Extension(e.oid, true, new Uint8Array(e.der))),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: opts.serial,
    subject: opts.subject,
    issuer: opts.issuer,
    ...dates,
    publicKey,
    signingKey: opts.signer,
    signingAlgorithm: opts.algorithm,
    extensions,
  });
  return `${cert.toString("pem")}\n`;
}

/** A self-signed CA whose RSA public exponent has `bits` bits, and a leaf it signed. */
export async function bigExponentChain(bits: number): Promise<string> {
  const { privateKey, spkiDer } = rsaKeyWithExponent(bits);
  const signer = await rsaCryptoKey(privateKey);
  const ca = await certificate({
    subject: "CN=Big Exponent CA",
    issuer: "CN=Big Exponent CA",
    spki: spkiDer,
    signer,
    algorithm: RSA,
    ca: true,
    serial: "01",
  });
  const leafKeys = (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const leafSpki = await webcrypto.subtle.exportKey("spki", leafKeys.publicKey);
  const leaf = await certificate({
    subject: "CN=client.example",
    issuer: "CN=Big Exponent CA",
    spki: leafSpki,
    signer,
    algorithm: RSA,
    serial: "02",
  });
  return leaf + ca;
}

/**
 * `cas` same-name CAs with RSA-3072 keys and a 32-bit exponent (legal, and slow to verify with), and as
 * many children as the block limit leaves, each of which names them all as its issuer.
 */
export async function sameNameCostlyCas(cas = 16, blocks = 500): Promise<string> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 3072, publicExponent: 0xffffffff });
  const signer = await rsaCryptoKey(privateKey);
  const spki = spkiOf(privateKey);
  const out: string[] = [];
  for (let i = 0; i < cas; i++)
    out.push(
      await certificate({
        subject: "CN=Costly CA",
        issuer: "CN=Costly CA",
        spki,
        signer,
        algorithm: RSA,
        ca: true,
        serial: `1${i.toString(16).padStart(4, "0")}`,
      }),
    );
  const childKeys = (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const childSpki = await webcrypto.subtle.exportKey("spki", childKeys.publicKey);
  const sign = { name: "ECDSA", hash: "SHA-256" };
  for (let i = 0; i < blocks - cas; i++)
    out.push(
      await certificate({
        subject: `CN=child ${i}`,
        issuer: "CN=Costly CA",
        spki: childSpki,
        signer: childKeys.privateKey,
        algorithm: sign,
        serial: `2${i.toString(16).padStart(4, "0")}`,
      }),
    );
  return out.join("");
}

/** DER: a tag and its contents. */
function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

/** NameConstraints (RFC 5280 §4.2.1.10) excluding `count` dNSName subtrees. */
function excludedDns(count: number, prefix: string): Buffer {
  const subtrees = Array.from({ length: count }, (_, i) => tlv(0x30, tlv(0x82, Buffer.from(`${prefix}${i}.invalid`))));
  return tlv(0x30, tlv(0xa1, Buffer.concat(subtrees)));
}

/** SubjectAltName with `count` dNSNames. */
function sanDns(count: number): Buffer {
  return tlv(
    0x30,
    Buffer.concat(Array.from({ length: count }, (_, i) => tlv(0x82, Buffer.from(`n${i}.client.example`)))),
  );
}

/**
 * A `depth`-deep path, every CA excluding `constraints` dNSName subtrees, every certificate with `sans`
 * dNSNames: each (certificate, CA) pair is under the per-pair bound, all pairs together far beyond it.
 */
export async function constrainedDeepPath(depth = 16, constraints = 1024, sans = 1023): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const spki = await webcrypto.subtle.exportKey("spki", keys.publicKey);
  const sign = { name: "ECDSA", hash: "SHA-256" };
  const certs: string[] = [];
  for (let level = 0; level < depth; level++) {
    const name = (l: number) => (l === 0 ? "CN=client.example" : `CN=Constrained CA ${l}`);
    const issuer = level === depth - 1 ? name(level) : name(level + 1);
    const extensions = [{ oid: "2.5.29.17", der: sanDns(sans) }];
    if (level > 0) extensions.push({ oid: "2.5.29.30", der: excludedDns(constraints, `x${level}-`) });
    certs.push(
      await certificate({
        subject: name(level),
        issuer,
        spki,
        signer: keys.privateKey,
        algorithm: sign,
        ca: level > 0,
        serial: `3${level.toString(16).padStart(2, "0")}`,
        extensions,
      }),
    );
  }
  return certs.join("");
}

/**
 * A PKCS#12 file (certificates only, no password) whose MAC asks for `iterations` key-derivation rounds:
 * made with a cheap count, then the MacData's INTEGER rewritten (forge would spend them making it).
 */
export function pkcs12WithMacIterations(certPem: string, iterations: bigint): Buffer {
  const cert = forge.pki.certificateFromPem(certPem);
  const p12 = forge.pkcs12.toPkcs12Asn1(null, [cert], "", { algorithm: "3des", count: 1 });
  const macData = p12.value[2] as forge.asn1.Asn1;
  const hex = iterations.toString(16);
  const bytes = forge.util.hexToBytes(hex.length % 2 ? `0${hex}` : hex);
  const integer = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.INTEGER, false, bytes);
  (macData.value as forge.asn1.Asn1[])[2] = integer;
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary");
}
