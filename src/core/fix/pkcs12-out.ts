import { createCipheriv, createHash, createHmac, type KeyObject, pbkdf2Sync, randomBytes } from "node:crypto";
import {
  bmpString,
  explicit,
  implicitPrimitive,
  integer,
  nullValue,
  octets,
  oid,
  seq,
  set,
} from "../x509/der-write.js";

// A PKCS#12 file (RFC 7292) the way OpenSSL 3 writes one by default, so `openssl pkcs12` and Java's keytool
// read it: the key in a pkcs8ShroudedKeyBag and the certificates in an encrypted SafeContents, both
// PBES2 (PBKDF2 with HMAC-SHA256, AES-256-CBC), and an HMAC-SHA256 MAC over the whole (RFC 7292 appendix B
// key derivation). No SHA-1, no RC2, no 3DES: what older tools wrote and current ones warn about.

const OIDS = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSha256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  sha256: "2.16.840.1.101.3.4.2.1",
};

/** OpenSSL's default; the readers of this tool and of others refuse far larger counts as hostile. */
const PKCS12_OUT_ITERATIONS = 2048;

export interface Pkcs12Contents {
  /** DER certificates, leaf first */
  certs: Uint8Array[];
  key: KeyObject;
  password: string;
  /** the alias keytool shows */
  friendlyName: string;
}

export function buildPkcs12(c: Pkcs12Contents): Buffer {
  const localKeyId = createHash("sha256").update(c.certs[0]).digest();
  const keyAttrs = attributes(c.friendlyName, localKeyId);
  const shrouded = c.key.export({ type: "pkcs8", format: "der", cipher: "aes-256-cbc", passphrase: c.password });
  const keyBag = seq(oid(OIDS.shroudedKeyBag), explicit(0, shrouded), keyAttrs);
  const certBags = c.certs.map((der, i) =>
    seq(
      oid(OIDS.certBag),
      explicit(0, seq(oid(OIDS.x509Certificate), explicit(0, octets(der)))),
      ...(i === 0 ? [keyAttrs] : []),
    ),
  );
  const authSafe = seq(encryptedContent(seq(...certBags), c.password), dataContent(seq(keyBag)));
  return seq(integer(3), dataContent(authSafe), macData(authSafe, c.password));
}

function attributes(friendlyName: string, localKeyId: Buffer): Buffer {
  return set(
    seq(oid(OIDS.friendlyName), set(bmpString(friendlyName))),
    seq(oid(OIDS.localKeyId), set(octets(localKeyId))),
  );
}

/** ContentInfo of type data: the DER of `inner` in an OCTET STRING. */
function dataContent(inner: Buffer): Buffer {
  return seq(oid(OIDS.data), explicit(0, octets(inner)));
}

/** ContentInfo of type encryptedData (RFC 7292 §4.1; EncryptedData of RFC 5652 §8) with PBES2 (RFC 8018 §6.2). */
function encryptedContent(inner: Buffer, password: string): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, "utf8"), salt, PKCS12_OUT_ITERATIONS, 32, "sha256");
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  const encrypted = Buffer.concat([cipher.update(inner), cipher.final()]);
  const pbes2 = seq(
    oid(OIDS.pbes2),
    seq(
      seq(
        oid(OIDS.pbkdf2),
        seq(octets(salt), integer(PKCS12_OUT_ITERATIONS), seq(oid(OIDS.hmacWithSha256), nullValue())),
      ),
      seq(oid(OIDS.aes256Cbc), octets(iv)),
    ),
  );
  const encryptedData = seq(integer(0), seq(oid(OIDS.data), pbes2, implicitPrimitive(0, encrypted)));
  return seq(oid(OIDS.encryptedData), explicit(0, encryptedData));
}

/** MacData (RFC 7292 §4): HMAC-SHA256 over the authSafe's content with a key from appendix B's KDF. */
function macData(authSafe: Buffer, password: string): Buffer {
  const salt = randomBytes(16);
  const key = pkcs12Kdf(password, salt, 3, PKCS12_OUT_ITERATIONS, 32);
  const mac = createHmac("sha256", key).update(authSafe).digest();
  return seq(seq(seq(oid(OIDS.sha256), nullValue()), octets(mac)), octets(salt), integer(PKCS12_OUT_ITERATIONS));
}

/**
 * RFC 7292 appendix B.2 with SHA-256 (u = 32, v = 64): the password as a BMPString with its two-byte
 * terminator, salt and password each repeated to a multiple of v, and I updated between blocks.
 */
function pkcs12Kdf(password: string, salt: Buffer, id: number, iterations: number, n: number): Buffer {
  const u = 32;
  const v = 64;
  const pass =
    password === "" ? Buffer.alloc(0) : Buffer.concat([Buffer.from(password, "utf16le").swap16(), Buffer.alloc(2)]);
  const repeat = (b: Buffer) => {
    const len = v * Math.ceil(b.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = b[i % b.length];
    return out;
  };
  const I = Buffer.concat([repeat(salt), pass.length ? repeat(pass) : Buffer.alloc(0)]);
  const D = Buffer.alloc(v, id);
  const blocks: Buffer[] = [];
  for (let made = 0; made < n; made += u) {
    let A = createHash("sha256").update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash("sha256").update(A).digest();
    blocks.push(A);
    const B = repeat(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, n);
}
