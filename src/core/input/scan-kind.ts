import { looksLikeSecret } from "./kubernetes-secret.js";
import { scanPem } from "./pem.js";
import { readBlocks } from "./read-blocks.js";
import { looksLikeText } from "./sniff.js";
import type { DecodedText } from "./text.js";

/**
 * What a file found by a directory or glob scan is, before it is judged as a chain. "binary-certificates":
 * certificates packed in another container (DER, PKCS#7 in DER or PEM armour, PKCS#12), unpacked to PEM.
 */
export type ScanKind = "key-file" | "not-certificate" | "binary-certificates" | "lfs-pointer" | "pem";

/**
 * A scan meets key files, notes and CSRs next to the chains: a key-only file is a key file,
 * text without any certificate is skipped, DER/PKCS#7/PKCS#12 certificates are judged like PEM ones, and a
 * Git LFS pointer is a certificate that was never fetched.
 */
export function scanKind(bytes: Buffer, decoded: DecodedText): ScanKind {
  // A Kubernetes Secret holds its certificates base64 inside YAML/JSON: judged as a chain, never skipped.
  if (looksLikeSecret(decoded.text)) return "pem";
  // A CERTIFICATE block makes the file a chain whether it parses or not (readBlocks would make it a
  // certificate or a malformed item, and a limit stop is judged too): decoding and parsing every
  // certificate here only to throw it away was a quarter of a 10,000-file scan.
  if (scanPem(decoded.text).blocks.some((block) => block.label === "CERTIFICATE")) return "pem";
  const read = readBlocks(bytes, { mode: "lenient", decoded });
  // A pointer left by a checkout without Git LFS stands where a certificate should be: never skipped as notes.
  if (read.stop?.kind === "not-pem" && read.stop.format === "lfs-pointer") return "lfs-pointer";
  if (read.source !== "pem") return "binary-certificates";
  const kinds = new Set(read.items.map((item) => item.kind));
  // PEM-armoured PKCS#7 (`-----BEGIN PKCS7-----`, in a .p7b or a .crt) is judged like the DER .p7b beside it.
  // With a private key beside it, it is judged as it is, and the key fails it as in any PEM file.
  if (kinds.has("pkcs7") && !kinds.has("certificate") && !kinds.has("private-key")) return "binary-certificates";
  if (kinds.has("certificate") || kinds.has("malformed") || kinds.has("pkcs7") || kinds.has("pkcs12")) return "pem";
  if (kinds.has("private-key")) return "key-file";
  // Binary junk named .der is still reported (as today); only text without certificates is skipped.
  const text = looksLikeText(bytes);
  return text && (!read.stop || read.stop.kind === "not-pem" || read.stop.kind === "empty") ? "not-certificate" : "pem";
}
