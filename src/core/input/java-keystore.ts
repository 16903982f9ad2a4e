import { createHash } from "node:crypto";
import { LIMITS } from "../limits.js";
import { type Certificate, CertificateParseError, parseCertificate } from "../x509/certificate.js";
import { AliasError, DecodeError, PasswordError } from "./decode-errors.js";
import { keystoreType } from "./keystore-type.js";

export { AliasError } from "./decode-errors.js";
export { JCEKS_MAGIC, JKS_MAGIC, keystoreType } from "./keystore-type.js";

// Sun's JKS and JCEKS keystores, as `keytool -storetype JKS|JCEKS` writes them (OpenJDK
// sun.security.provider.JavaKeyStore, com.sun.crypto.provider.JceKeyStore): a magic number, a version,
// an entry count, the entries, then a SHA-1 digest over the password, "Mighty Aphrodite" and every byte
// before it. Only certificates are read: a private key entry's encrypted key is skipped, never decrypted.

const TAG = { privateKey: 1, trustedCert: 2, secretKey: 3 } as const;
const MAX_ENTRIES = 1000;

export interface KeystoreEntry {
  alias: string;
  kind: "private-key" | "trusted-certificate";
  /** a key entry's chain (leaf first), or the one trusted certificate */
  certs: Certificate[];
}

export interface Keystore {
  type: "JKS" | "JCEKS";
  entries: KeystoreEntry[];
}

/** A reader that refuses to run past the end: every length in the file is checked before it is used. */
class Cursor {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  take(n: number): Buffer {
    if (n < 0 || this.pos + n > this.buf.length) throw new DecodeError(`the keystore is cut off at byte ${this.pos}`);
    this.pos += n;
    return this.buf.subarray(this.pos - n, this.pos);
  }
  u16 = () => this.take(2).readUInt16BE(0);
  u32 = () => this.take(4).readUInt32BE(0);
  /** Java's DataOutput.writeUTF: a 2-byte length, then (modified) UTF-8 */
  utf = () => this.take(this.u16()).toString("utf8");
}

/** The keystore's integrity check: SHA-1(password as UTF-16BE, "Mighty Aphrodite", body). */
function verifyDigest(bytes: Buffer, password: string): void {
  if (bytes.length < 32) throw new DecodeError("the keystore is too short to hold its integrity digest");
  const body = bytes.subarray(0, bytes.length - 20);
  const utf16be = Buffer.from(password, "utf16le").swap16();
  const digest = createHash("sha1").update(utf16be).update("Mighty Aphrodite", "utf8").update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.length - 20)))
    throw new PasswordError("the keystore password is wrong (or the keystore was altered)");
}

function readCert(c: Cursor, version: number): Certificate {
  if (version === 2) {
    const type = c.utf();
    if (type !== "X.509") throw new DecodeError(`the keystore holds a ${type} certificate, not X.509`);
  }
  try {
    return parseCertificate(Buffer.from(c.take(c.u32())));
  } catch (err) {
    if (err instanceof CertificateParseError)
      throw new DecodeError(`a keystore certificate is unreadable: ${err.message}`);
    throw err;
  }
}

function readEntry(c: Cursor, version: number): KeystoreEntry {
  const tag = c.u32();
  const alias = c.utf();
  c.take(8); // creation date
  if (tag === TAG.trustedCert) return { alias, kind: "trusted-certificate", certs: [readCert(c, version)] };
  if (tag === TAG.privateKey) {
    c.take(c.u32()); // the encrypted private key: skipped, never decrypted
    const count = c.u32();
    if (count > LIMITS.maxChainDepth) throw new DecodeError(`the key entry "${alias}" claims ${count} certificates`);
    return { alias, kind: "private-key", certs: Array.from({ length: count }, () => readCert(c, version)) };
  }
  // A JCEKS secret key is a Java-serialized object with no length prefix: nothing after it can be found.
  if (tag === TAG.secretKey)
    throw new DecodeError(
      `the entry "${alias}" is a secret key, which this tool cannot read past; export the certificate with keytool -exportcert`,
    );
  throw new DecodeError(`the keystore has an entry of unknown type ${tag}`);
}

/** Reads a JKS/JCEKS keystore after checking its integrity digest with the password. */
export function readKeystore(bytes: Buffer, password: string): Keystore {
  const type = keystoreType(bytes);
  if (!type) throw new DecodeError("the input is not a JKS or JCEKS keystore");
  verifyDigest(bytes, password);
  const c = new Cursor(bytes.subarray(0, bytes.length - 20));
  c.take(4);
  const version = c.u32();
  if (version !== 1 && version !== 2) throw new DecodeError(`the keystore has an unknown version ${version}`);
  const count = c.u32();
  if (count > MAX_ENTRIES)
    throw new DecodeError(`the keystore claims ${count} entries (at most ${MAX_ENTRIES} are read)`);
  return { type, entries: Array.from({ length: count }, () => readEntry(c, version)) };
}

/**
 * The certificates to use: the chain of the key entry `alias` names (or of the only key entry), else every
 * trusted certificate. Several key entries and no alias is a question for the user, answered with the list.
 */
export function keystoreCertificates(store: Keystore, alias?: string): { certs: Certificate[]; keys: number } {
  const keys = store.entries.filter((e) => e.kind === "private-key");
  if (alias !== undefined) {
    const entry = store.entries.find((e) => e.alias === alias);
    if (!entry) throw new AliasError(`the keystore has no alias "${alias}"`, store.entries);
    return { certs: entry.certs, keys: keys.length };
  }
  if (keys.length > 1)
    throw new AliasError(`the keystore holds ${keys.length} key entries: pick one with --alias`, store.entries);
  const certs = keys.length ? keys[0].certs : store.entries.flatMap((e) => e.certs);
  return { certs, keys: keys.length };
}
