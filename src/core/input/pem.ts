import { LIMITS } from "../limits.js";

/** One `-----BEGIN X-----` … `-----END X-----` block as found in the text. */
export interface PemBlock {
  /** 1-based block number in the file */
  number: number;
  label: string;
  /** 1-based line of the BEGIN line */
  line: number;
  base64Lines: { text: string; line: number }[];
  headers: boolean;
  /** false when the file ended before the END line */
  closed: boolean;
  endLabel?: string;
}

export interface PemScan {
  blocks: PemBlock[];
  /** 1-based numbers of non-blank lines outside any block */
  extraLines: number[];
  firstExtraText?: string;
  tooManyBlocks: boolean;
  longLine?: number;
  /** 1-based lines where an END and the next BEGIN share the line (files joined without a final newline) */
  gluedLines: number[];
}

const BEGIN = /^-----BEGIN ([A-Z0-9 #._/-]+)-----$/;
const END = /^-----END ([A-Z0-9 #._/-]+)-----$/;

/**
 * Splits text into PEM blocks, tolerating CRLF, blank lines and surrounding whitespace. Stops at the first
 * line over LIMITS.maxLineLength (before any regex sees it) or BEGIN past LIMITS.maxBlocks; read-blocks.ts
 * turns those stops into the one "limit exceeded" outcome.
 */
export function scanPem(text: string): PemScan {
  const scan: PemScan = { blocks: [], extraLines: [], tooManyBlocks: false, gluedLines: [] };
  // Without a CR the regex split is a split on LF: the common case skips the regex.
  const lines = text.includes("\r") ? text.split(/\r?\n|\r/) : text.split("\n");
  let current: PemBlock | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > LIMITS.maxLineLength) {
      scan.longLine = i + 1;
      return scan;
    }
    const line = lines[i].trim();
    const glued = line.startsWith("-----") ? gluedAt(line) : -1;
    if (glued > 0) {
      scan.gluedLines.push(i + 1);
      current = scanLine(scan, current, line.slice(0, glued).trim(), i + 1);
      current = scanLine(scan, current, line.slice(glued).trim(), i + 1);
    } else current = scanLine(scan, current, line, i + 1);
    if (scan.tooManyBlocks) return scan;
  }
  return scan;
}

/** One line of the text: inside the open block, or outside; returns the block open after it. */
function scanLine(scan: PemScan, current: PemBlock | undefined, line: string, lineNumber: number) {
  if (current) {
    const step = continueBlock(current, line, lineNumber);
    if (step === "inside") return current;
    // A BEGIN inside a block: the previous one was cut off, and this line opens the next.
    if (step === "closed") return undefined;
  }
  return startBlock(scan, line, lineNumber);
}

/**
 * Where the BEGIN starts on a line that holds an END and then a BEGIN (`-----END X----------BEGIN Y-----`,
 * what `cat` makes of files without a final newline); -1 for any other line.
 */
function gluedAt(line: string): number {
  const begin = line.indexOf("-----BEGIN ", 5);
  return begin > 0 && END.test(line.slice(0, begin).trim()) && BEGIN.test(line.slice(begin)) ? begin : -1;
}

/** A line inside an open block: its END, a header, base64, or a BEGIN that shows the block was cut off. */
function continueBlock(block: PemBlock, line: string, lineNumber: number): "inside" | "closed" | "reread" {
  // Both patterns start with five dashes, which base64 never holds: most lines need neither regex.
  if (line.startsWith("-----")) {
    const end = END.exec(line);
    if (end) {
      block.closed = true;
      block.endLabel = end[1];
      return "closed";
    }
    // A new BEGIN inside a block: the previous one was cut off. Re-read this line outside.
    if (BEGIN.test(line)) return "reread";
  }
  if (line.includes(":")) block.headers = true;
  else if (line) block.base64Lines.push({ text: line, line: lineNumber });
  return "inside";
}

/** A line outside any block: a BEGIN opens the next block (within the limit); other text is noted. */
function startBlock(scan: PemScan, line: string, lineNumber: number): PemBlock | undefined {
  const begin = BEGIN.exec(line);
  if (!begin) {
    if (line) {
      scan.extraLines.push(lineNumber);
      scan.firstExtraText ??= line;
    }
    return undefined;
  }
  if (scan.blocks.length >= LIMITS.maxBlocks) {
    scan.tooManyBlocks = true;
    return undefined;
  }
  const block: PemBlock = {
    number: scan.blocks.length + 1,
    label: begin[1],
    line: lineNumber,
    base64Lines: [],
    headers: false,
    closed: false,
  };
  scan.blocks.push(block);
  return block;
}

const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

/** A block's base64 body as one string, its lines joined. */
export function blockBase64(block: PemBlock): string {
  return block.base64Lines.map((l) => l.text).join("");
}

/** Decodes a block's body (`joined`: its blockBase64, when the caller has it), or says where the base64 is broken. */
export function decodeBlock(block: PemBlock, joined = blockBase64(block)): { der: Buffer } | { badLine: number } {
  // Base64 that re-encodes to itself passes every test below: one decode and encode instead of two regex
  // scans for the common, well-formed body. Anything else takes the checks that name the line.
  const der = Buffer.from(joined, "base64");
  if (joined.length > 0 && der.toString("base64") === joined) return { der };
  // When the whole body passes, every line does ("=" can only be at its very end); only a body that fails
  // is searched line by line for the line to name.
  if (!BASE64_LINE.test(joined))
    for (const l of block.base64Lines) if (!BASE64_LINE.test(l.text)) return { badLine: l.line };
  if (joined.length === 0 || joined.length % 4 !== 0 || /=[^=]/.test(joined))
    return { badLine: block.base64Lines.at(-1)?.line ?? block.line };
  return { der };
}

/** Labels OpenSSL (PKCS7), RFC 7468 (CMS) and older tools use for a PKCS#7 bundle. */
export const PKCS7_LABELS = new Set(["PKCS7", "PKCS #7 SIGNED DATA", "CMS"]);

export function isPrivateKeyLabel(label: string): boolean {
  return /PRIVATE KEY$/.test(label);
}

export function toPem(der: Uint8Array, label = "CERTIFICATE"): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
