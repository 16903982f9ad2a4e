import { X509Certificate } from "node:crypto";
import { keystoreType } from "./keystore-type.js";
import { fileInHint } from "./shell-arg.js";

export type BinaryKind = "der-certificate" | "pkcs7" | "pkcs12" | "keystore" | "lfs-pointer" | "text" | "binary";

// DER of the OIDs that identify PKCS#7 signedData and PKCS#12's data content type (RFC 2315, RFC 7292).
const SIGNED_DATA = Buffer.from("06092a864886f70d010702", "hex");
const PKCS12_VERSION_3 = Buffer.from("020103", "hex");
const PKCS7_DATA = Buffer.from("06092a864886f70d010701", "hex");

// Bytes that text never holds: NUL and the other C0 controls but BEL to CR, SUB (the end of old DOS files)
// and ESC (libmagic's table, with SUB and DEL let in). No NUL alone was not enough: about 1 compressed or
// encrypted file in 7 has none in its first 512 bytes.
const NOT_TEXT = [0, 1, 2, 3, 4, 5, 6, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 29, 30, 31];

/**
 * Whether a file's bytes read as text rather than binary data, judged on the bytes, not on a decoding (a
 * binary file that happens to start with a UTF-16 byte order mark must not pass for text).
 */
export function looksLikeText(bytes: Buffer): boolean {
  for (const byte of NOT_TEXT) if (bytes.includes(byte)) return false;
  return true;
}

// A Git LFS pointer (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): what a checkout without LFS
// leaves in place of the file, under 1024 bytes, its version line first and its object's id.
const LFS_POINTER =
  /^version https:\/\/(?:git-lfs|hawser)\.github\.com\/spec\/v1\r?\n(?:.*\n)*?oid sha256:[0-9a-f]{64}\r?\n/;

/** Whether `text` is a Git LFS pointer: the certificate was never fetched, so there is nothing to judge. */
export function isLfsPointer(text: string): boolean {
  return text.length < 1024 && LFS_POINTER.test(text);
}

/**
 * What a scan says of a pointer it found: a file it could not check (human output and JUnit show the error
 * alone, so it says what to run; the other formats add the hint).
 */
export function lfsPointerUnreadable(file: string): { error: string; hint: string } {
  const error = `${file} is ${CONVERT["lfs-pointer"].name}: run \`git lfs pull\`.`;
  return { error, hint: "In GitHub Actions, check out with `lfs: true` (actions/checkout)." };
}

/** Names the binary format of an input that has no PEM text, for the conversion hint. */
export function sniffBinary(bytes: Buffer): BinaryKind {
  if (keystoreType(bytes)) return "keystore";
  // DER, PKCS#7, PKCS#12 and keystores all carry zero octets and small tags early (lengths, versions). A
  // pointer is a whole file under 1024 bytes, so a longer one is never taken for it.
  if (looksLikeText(bytes)) return isLfsPointer(bytes.toString("latin1", 0, 1024)) ? "lfs-pointer" : "text";
  if (bytes[0] !== 0x30) return "binary";
  const head = bytes.subarray(0, 64);
  if (head.includes(SIGNED_DATA)) return "pkcs7";
  if (head.includes(PKCS12_VERSION_3) && head.includes(PKCS7_DATA)) return "pkcs12";
  try {
    new X509Certificate(bytes);
    return "der-certificate";
  } catch {
    return "binary";
  }
}

const CONVERT: Record<BinaryKind | "pkcs7-pem", { name: string; hint: string }> = {
  "der-certificate": {
    name: "a binary DER certificate (.cer/.der)",
    hint: "Convert it: `connectpay-cert fix FILE -o chain.pem` or `openssl x509 -inform der -in FILE -out cert.pem`.",
  },
  pkcs7: {
    name: "a PKCS#7 bundle (.p7b) in binary DER",
    hint: "Extract the certificates: `connectpay-cert fix FILE -o chain.pem` or `openssl pkcs7 -inform der -in FILE -print_certs -out chain.pem`.",
  },
  "pkcs7-pem": {
    name: "a PKCS#7 bundle (.p7b) in PEM",
    hint: "Extract the certificates: `connectpay-cert fix FILE -o chain.pem` or `openssl pkcs7 -in FILE -print_certs -out chain.pem`.",
  },
  pkcs12: {
    name: "a PKCS#12 keystore (.p12/.pfx), which also holds your private key",
    hint: "Extract only the certificates: `connectpay-cert fix FILE -o chain.pem` or `openssl pkcs12 -in FILE -nokeys -out chain.pem`. Never send the .p12 itself.",
  },
  keystore: {
    name: "a Java keystore (JKS/JCEKS), which may also hold your private key",
    hint: "Extract only the certificates: `connectpay-cert fix FILE -o chain.pem --password-env VAR` or `keytool -exportcert -rfc -keystore FILE -alias ALIAS`. Never send the keystore itself.",
  },
  "lfs-pointer": {
    name: "a Git LFS pointer (the file itself was never fetched)",
    hint: "Fetch it with `git lfs pull` (in GitHub Actions: `actions/checkout` with `lfs: true`), then check it again.",
  },
  text: {
    name: "text without any PEM certificate block",
    hint: "ConnectPay needs the certificate chain as PEM text (-----BEGIN CERTIFICATE-----). Check that this is the file your CA sent.",
  },
  binary: {
    name: "binary data that is not a certificate",
    hint: "ConnectPay needs the certificate chain as PEM text (-----BEGIN CERTIFICATE-----). Check that this is the file your CA sent.",
  },
};

export function describeFormat(kind: BinaryKind | "pkcs7-pem", file: string): { name: string; hint: string } {
  const c = CONVERT[kind];
  return { name: c.name, hint: fileInHint(c.hint, file) };
}
