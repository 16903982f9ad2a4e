import type { Finding } from "../findings/finding.js";
import { LIMITS } from "../limits.js";
import { type Certificate, CertificateParseError, parseCertificate } from "../x509/certificate.js";
import { blockBase64, decodeBlock, isPrivateKeyLabel, type PemBlock, PKCS7_LABELS, scanPem } from "./pem.js";
import { type BinaryKind, sniffBinary } from "./sniff.js";
import { type DecodedText, decodeText } from "./text.js";

/**
 * How the input is read. The two modes share the text decoding, the PEM scanner and the limits; they differ
 * on purpose only here (each difference has a test in test/core/read-blocks.test.ts):
 *
 * | input                         | "strict" (what ConnectPay receives) | "lenient" (what we repair from)        |
 * | ------------------------------ | ----------------------------------- | -------------------------------------- |
 * | binary DER, PKCS#7 or PKCS#12  | stop "not-pem", format named        | unpacked into an item                  |
 * | PKCS#7 block inside PEM        | pkcs7 item, body never decoded      | pkcs7 item with its DER to unpack      |
 * | CERTIFICATE with header lines  | malformed                           | read from its base64 lines             |
 * | CERTIFICATE closed by END X    | malformed                           | read (RFC 7468 §2 lets parsers ignore) |
 *
 * Keys, other blocks and text outside blocks are items or notes in both modes: the strict caller
 * (read-bundle.ts) turns them into findings, the lenient one (decode-any.ts) counts what it drops.
 */
export type ReadMode = "strict" | "lenient";

/** Where a PEM block is: 1-based block number, BEGIN line and its label. */
export interface PemPlace {
  block: number;
  line: number;
  label: string;
}

export type BlockItem =
  | { kind: "certificate"; cert: Certificate; at?: PemPlace }
  /**
   * a CERTIFICATE block (or a whole DER input) that is not a usable certificate, and why; `partial` is what
   * could be read of one that breaks DER where OpenSSL refuses it, `extension` the broken extension's name
   */
  | { kind: "malformed"; problem: string; at?: PemPlace; partial?: Certificate; extension?: string }
  | { kind: "private-key"; at: PemPlace }
  /** a PKCS#7 bundle; `der` only in lenient mode, where it is to be unpacked */
  | { kind: "pkcs7"; der?: Buffer; at?: PemPlace }
  /** only ever a whole binary input: there is no PEM label for PKCS#12 */
  | { kind: "pkcs12"; der: Buffer; at?: never }
  /** a JKS/JCEKS keystore, always a whole binary input */
  | { kind: "keystore"; der: Buffer; at?: never }
  | { kind: "other"; at: PemPlace };

/** A documented limit (src/core/limits.ts) that stopped the reading. */
export type LimitHit =
  | { limit: "maxInputBytes"; bytes: number }
  | { limit: "maxLineLength"; line: number }
  | { limit: "maxBlocks" };

/** Why nothing was read: too big, empty, or not PEM (and, in lenient mode, no format we unpack either). */
export type ReadStop = { kind: "limit"; hit: LimitHit } | { kind: "empty" } | { kind: "not-pem"; format: BinaryKind };

export interface BlockRead {
  /** "pem", or the binary format that was unpacked (lenient mode only) */
  source: "pem" | Exclude<BinaryKind, "binary" | "text" | "lfs-pointer">;
  stop?: ReadStop;
  /** the UTF-16 / BOM note, for PEM text only */
  encoding?: Finding;
  items: BlockItem[];
  /** 1-based numbers of non-blank lines outside any PEM block */
  extraLines: number[];
  firstExtraText?: string;
  /** 1-based lines where one block's END and the next one's BEGIN share the line */
  gluedLines?: number[];
}

type Parse = (der: Buffer) => Certificate;

/** A run's memory of certificate blocks by their base64 text (CertCache): the same text reads as the same certificate. */
export interface KnownBlocks {
  knownText(base64: string): Certificate | undefined;
  rememberText(base64: string, cert: Certificate): void;
}

export interface ReadOptions {
  mode: ReadMode;
  /** how certificates are parsed: the run's CertCache.parse, or parseCertificate afresh */
  parse?: Parse;
  /** the run's CertCache: a CA block read before is neither decoded nor looked up by its DER again */
  known?: KnownBlocks;
  /** the input's text, when the caller has decoded it already (text.ts) */
  decoded?: DecodedText;
}

interface Readers {
  parse: Parse;
  known?: KnownBlocks;
}

/** Reads the blocks of an input; every limit of LIMITS is applied here (the scanner reports where it stopped). */
export function readBlocks(bytes: Buffer, options: ReadOptions): BlockRead {
  const parse = options.parse ?? parseCertificate;
  const readers = { parse, known: options.known };
  const none = { source: "pem" as const, items: [], extraLines: [] };
  if (bytes.length > LIMITS.maxInputBytes)
    return { ...none, stop: { kind: "limit", hit: { limit: "maxInputBytes", bytes: bytes.length } } };
  const decoded = options.decoded ?? decodeText(bytes);
  if (decoded.text.trim() === "") return { ...none, stop: { kind: "empty" } };
  if (!decoded.text.includes("-----BEGIN ")) return readBinary(bytes, options.mode, parse);
  const scan = scanPem(decoded.text);
  if (scan.longLine)
    return {
      ...none,
      encoding: decoded.note,
      stop: { kind: "limit", hit: { limit: "maxLineLength", line: scan.longLine } },
    };
  if (scan.tooManyBlocks)
    return { ...none, encoding: decoded.note, stop: { kind: "limit", hit: { limit: "maxBlocks" } } };
  // One literal, not a copy grown field by field: each added field was a change of the object's shape,
  // per input (readBlocks' own time, 30 ms of it at 10,000 bundles).
  const read: BlockRead = {
    source: "pem",
    items: scan.blocks.map((block) => readPemBlock(block, options.mode, readers)),
    extraLines: scan.extraLines,
    encoding: decoded.note,
    firstExtraText: scan.firstExtraText,
  };
  if (scan.gluedLines.length) read.gluedLines = scan.gluedLines;
  return read;
}

function readBinary(bytes: Buffer, mode: ReadMode, parse: Parse): BlockRead {
  const format = sniffBinary(bytes);
  const none = { source: "pem" as const, items: [], extraLines: [] };
  // Strict: ConnectPay takes PEM only, so a binary input is named (for the conversion hint), never unpacked.
  if (mode === "strict" || format === "binary" || format === "text" || format === "lfs-pointer")
    return { ...none, stop: { kind: "not-pem", format } };
  const read = { source: format, extraLines: [] };
  if (format === "pkcs7") return { ...read, items: [{ kind: "pkcs7", der: bytes }] };
  if (format === "pkcs12") return { ...read, items: [{ kind: "pkcs12", der: bytes }] };
  if (format === "keystore") return { ...read, items: [{ kind: "keystore", der: bytes }] };
  // Node's parser (the sniffer) accepts DER that ours refuses, e.g. with trailing bytes: a problem, not a crash.
  const cert = certificateOrProblem(bytes, parse);
  return { ...read, items: [typeof cert === "string" ? { kind: "malformed", problem: cert } : certificateItem(cert)] };
}

function readPemBlock(block: PemBlock, mode: ReadMode, readers: Readers): BlockItem {
  const at = { block: block.number, line: block.line, label: block.label };
  if (isPrivateKeyLabel(block.label)) return { kind: "private-key", at };
  if (PKCS7_LABELS.has(block.label)) {
    if (mode === "strict") return { kind: "pkcs7", at };
    const body = decodeBlock(block);
    return "der" in body ? { kind: "pkcs7", der: body.der, at } : { kind: "other", at };
  }
  if (block.label !== "CERTIFICATE") return { kind: "other", at };
  const cert = certificateBlock(block, mode, readers);
  return typeof cert === "string" ? { kind: "malformed", problem: cert, at } : certificateItem(cert, at);
}

function certificateBlock(block: PemBlock, mode: ReadMode, readers: Readers): string | Certificate {
  if (!block.closed) return "BEGIN CERTIFICATE has no matching END line; the file looks cut off.";
  // Strict: RFC 7468 §2 forbids headers and wants the END label to match. Lenient repairs from the base64 alone:
  // legacy PEM (RFC 1421) wrote headers, and RFC 7468 §2 lets parsers ignore the END label.
  if (mode === "strict") {
    if (block.endLabel !== block.label) return `BEGIN ${block.label} is closed by END ${block.endLabel}.`;
    if (block.headers) return "the certificate block contains header lines (Name: value), which are not base64.";
  }
  // Whether base64 decodes, and to what, depends on the joined text alone once it does: a text that read
  // as a CA certificate earlier in the run reads as the same certificate again.
  const joined = blockBase64(block);
  const known = readers.known?.knownText(joined);
  if (known) return known;
  const decoded = decodeBlock(block, joined);
  if ("badLine" in decoded) return `invalid base64 at line ${decoded.badLine}.`;
  const cert = certificateOrProblem(decoded.der, readers.parse);
  if (typeof cert === "string") return `the base64 decodes, but ${cert}.`;
  readers.known?.rememberText(joined, cert);
  return cert;
}

/** A certificate with a fatal DER defect is malformed in both modes: OpenSSL would neither load nor use it. */
function certificateItem(cert: Certificate, at?: PemPlace): BlockItem {
  const fatal = cert.defects.find((d) => d.fatal);
  if (!fatal) return { kind: "certificate", cert, at };
  const problem = `the ${fatal.field} is malformed (${fatal.problem}).`;
  return { kind: "malformed", problem, at, partial: cert, extension: fatal.extension };
}

function certificateOrProblem(der: Buffer, parse: Parse): string | Certificate {
  try {
    return parse(der);
  } catch (err) {
    if (err instanceof CertificateParseError) return err.message;
    throw err;
  }
}
