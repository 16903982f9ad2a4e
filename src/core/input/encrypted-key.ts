import { children, content, DerError, decodeOid, readTlv, type Tlv } from "../x509/der.js";
import { type PemBlock, scanPem } from "./pem.js";

// Encrypted private keys as users have them: PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3, `openssl pkcs8
// -topk8 -v2 aes-256-cbc`) and the traditional OpenSSL form (`Proc-Type: 4,ENCRYPTED` with DEK-Info,
// `openssl ec -aes256`). Decrypting runs the key-derivation function the file names with the cost the file
// writes, so that cost is read and bounded here, before a passphrase is ever asked for.

/**
 * How a PEM private key is protected, with `pem`: that one block written out again from the bytes that were
 * measured. Only `pem` is handed to OpenSSL, so it decrypts exactly what the bound was checked on, never
 * another block of the file that OpenSSL would pick and this reader would not.
 */
export type KeyProtection = (
  | { kind: "none" }
  /** the traditional form: EVP_BytesToKey, one MD5 round, cheap whatever the file says */
  | { kind: "traditional"; cipher: string }
  | { kind: "pkcs8"; kdf: KdfCost }
) & { pem: string };

/** The key file is not one private key in a form OpenSSL reads. */
export class KeyFileError extends Error {}

export type KdfCost =
  | { name: "pbkdf2"; iterations: number }
  | { name: "scrypt"; n: number; r: number; p: number }
  /** PBES1 and PKCS#12 password-based encryption (RFC 8018 §6.1, RFC 7292 appendix C) */
  | { name: "pbes1"; iterations: number }
  | { name: "unknown"; oid: string };

/** Bounds on the work a key file may ask for; the passphrase is never tried beyond them. */
const KEY_KDF_LIMITS = {
  /**
   * PBKDF2 and PBES1 rounds: OpenSSL writes 2,048, OWASP's 2023 advice for PBKDF2-SHA256 is 600,000;
   * 2,000,000 costs well under a second here, where a file written to hang a run could ask for 2^31.
   */
  maxIterations: 2_000_000,
  /** scrypt memory, 128 · N · r · p bytes: OpenSSL itself refuses more than 32 MiB by default */
  maxScryptBytes: 64 * 1024 * 1024,
} as const;

const OID = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  scrypt: "1.3.6.1.4.1.11591.4.11",
};
// PBES1 (RFC 8018 appendix A.3) and PKCS#12 PBE (RFC 7292 appendix C): both take { salt, iterations }.
const PBES1_PREFIXES = ["1.2.840.113549.1.5.", "1.2.840.113549.1.12.1."];

/** Labels of the private-key PEM forms OpenSSL reads (RFC 7468 §10, §11, and the traditional ones). */
const KEY_LABELS = new Set(["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]);

/** The one private key block of `text` and what protects it; throws KeyFileError or DerError. */
export function keyProtection(text: string): KeyProtection {
  const blocks = scanPem(text).blocks.filter((b) => /PRIVATE KEY$/.test(b.label));
  if (blocks.length === 0) throw new KeyFileError("holds no readable PEM private key");
  if (blocks.length > 1) throw new KeyFileError(`holds ${blocks.length} private key blocks, not the leaf's alone`);
  const block = blocks[0];
  if (!KEY_LABELS.has(block.label) || !block.closed || block.endLabel !== block.label)
    throw new KeyFileError(`holds a "${block.label}" block that is not a whole private key in a form OpenSSL reads`);
  const der = Buffer.from(block.base64Lines.map((l) => l.text).join(""), "base64");
  if (der.length === 0) throw new KeyFileError("holds an empty private key block");
  if (block.label === "ENCRYPTED PRIVATE KEY")
    return { kind: "pkcs8", kdf: pkcs8Kdf(der), pem: writePem(block.label, [], der) };
  if (!block.headers) return { kind: "none", pem: writePem(block.label, [], der) };
  const headers = headerLines(text, block);
  const proc = headers.find((h) => /^Proc-Type:/i.test(h));
  const dek = /^DEK-Info:[ \t]*([A-Za-z0-9-]+),([0-9A-Fa-f]+)[ \t]*$/i.exec(
    headers.find((h) => /^DEK-Info:/i.test(h)) ?? "",
  );
  if (!proc || !/^Proc-Type:[ \t]*4,[ \t]*ENCRYPTED[ \t]*$/i.test(proc) || !dek)
    throw new KeyFileError("has PEM headers that are not an OpenSSL-encrypted key's Proc-Type and DEK-Info");
  const pem = writePem(block.label, ["Proc-Type: 4,ENCRYPTED", `DEK-Info: ${dek[1]},${dek[2]}`], der);
  return { kind: "traditional", cipher: dek[1], pem };
}

/** The RFC 1421 header lines of a block: between its BEGIN line and its first base64 line. */
function headerLines(text: string, block: PemBlock): string[] {
  const lines = text.split(/\r?\n|\r/);
  const end = (block.base64Lines[0]?.line ?? block.line + 1) - 1;
  return lines
    .slice(block.line, end)
    .map((l) => l.trim())
    .filter(Boolean);
}

function writePem(label: string, headers: string[], der: Buffer): string {
  const body = der.toString("base64").match(/.{1,64}/g) ?? [];
  const head = headers.length ? `${headers.join("\n")}\n\n` : "";
  return `-----BEGIN ${label}-----\n${head}${body.join("\n")}\n-----END ${label}-----\n`;
}

/** Why this key's derivation is refused, or undefined when its cost is within KEY_KDF_LIMITS. */
export function kdfRefusal(kdf: KdfCost): string | undefined {
  if (kdf.name === "unknown") return `it is encrypted with an unknown scheme (${kdf.oid})`;
  if (kdf.name === "scrypt") {
    const bytes = 128 * kdf.n * kdf.r * kdf.p;
    if (bytes > KEY_KDF_LIMITS.maxScryptBytes)
      return `its scrypt parameters (N=${kdf.n}, r=${kdf.r}, p=${kdf.p}) ask for ${Math.round(bytes / 1048576)} MiB, more than the ${KEY_KDF_LIMITS.maxScryptBytes / 1048576} MiB allowed`;
    return undefined;
  }
  if (kdf.iterations > KEY_KDF_LIMITS.maxIterations)
    return `it asks for ${kdf.iterations} key-derivation rounds, more than the ${KEY_KDF_LIMITS.maxIterations} allowed`;
  return undefined;
}

function pkcs8Kdf(der: Buffer): KdfCost {
  // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
  const top = readTlv(der, 0);
  const [alg] = sequence(der, top, 2);
  const [oidTlv, params] = sequence(der, alg, 1);
  const oid = oidOf(der, oidTlv);
  if (oid === OID.pbes2) {
    // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
    const [kdf] = sequence(der, need(params), 2);
    const [kdfOid, kdfParams] = sequence(der, kdf, 2);
    const name = oidOf(der, kdfOid);
    const fields = sequence(der, kdfParams, 2);
    // PBKDF2-params ::= SEQUENCE { salt, iterationCount INTEGER, keyLength INTEGER OPTIONAL, prf … }
    if (name === OID.pbkdf2) return { name: "pbkdf2", iterations: bigUnsigned(der, fields[1]) };
    // scrypt-params ::= SEQUENCE { salt, costParameter, blockSize, parallelizationParameter, keyLength OPTIONAL }
    if (name === OID.scrypt && fields.length >= 4)
      return {
        name: "scrypt",
        n: bigUnsigned(der, fields[1]),
        r: bigUnsigned(der, fields[2]),
        p: bigUnsigned(der, fields[3]),
      };
    return { name: "unknown", oid: name };
  }
  if (PBES1_PREFIXES.some((p) => oid.startsWith(p))) {
    const fields = sequence(der, need(params), 2);
    return { name: "pbes1", iterations: bigUnsigned(der, fields[1]) };
  }
  return { name: "unknown", oid };
}

function need(tlv: Tlv | undefined): Tlv {
  if (!tlv) throw new DerError("missing parameters");
  return tlv;
}

function sequence(der: Uint8Array, tlv: Tlv | undefined, min: number): Tlv[] {
  if (tlv?.tag !== 0x30) throw new DerError("expected a SEQUENCE");
  const list = children(der, tlv);
  if (list.length < min) throw new DerError("a SEQUENCE is too short");
  return list;
}

function oidOf(der: Uint8Array, tlv: Tlv | undefined): string {
  if (tlv?.tag !== 0x06) throw new DerError("expected an OBJECT IDENTIFIER");
  return decodeOid(content(der, tlv));
}

/** A non-negative INTEGER; one too large for a double reads as Infinity, so any bound refuses it. */
function bigUnsigned(der: Uint8Array, tlv: Tlv | undefined): number {
  if (tlv?.tag !== 0x02) throw new DerError("expected an INTEGER");
  const bytes = content(der, tlv);
  if (bytes.length === 0 || bytes[0] & 0x80) throw new DerError("expected a positive INTEGER");
  if (bytes.length > 7) return Number.POSITIVE_INFINITY;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}
