import { LIMITS } from "./limits.js";

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
}

const BEGIN = /^-----BEGIN ([A-Z0-9 #._/-]+)-----$/;
const END = /^-----END ([A-Z0-9 #._/-]+)-----$/;

/** Splits text into PEM blocks, tolerating CRLF, blank lines and surrounding whitespace. */
export function scanPem(text: string): PemScan {
  const scan: PemScan = { blocks: [], extraLines: [], tooManyBlocks: false };
  const lines = text.split(/\r?\n|\r/);
  let current: PemBlock | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.length > LIMITS.maxLineLength) {
      scan.longLine = i + 1;
      return scan;
    }
    const line = raw.trim();
    if (current) {
      const end = END.exec(line);
      if (end) {
        current.closed = true;
        current.endLabel = end[1];
        current = undefined;
      } else if (BEGIN.test(line)) {
        // A new BEGIN inside a block: the previous one was cut off. Re-read this line outside.
        current = undefined;
        i--;
      } else if (line.includes(":")) current.headers = true;
      else if (line) current.base64Lines.push({ text: line, line: i + 1 });
      continue;
    }
    const begin = BEGIN.exec(line);
    if (begin) {
      if (scan.blocks.length >= LIMITS.maxBlocks) {
        scan.tooManyBlocks = true;
        return scan;
      }
      current = {
        number: scan.blocks.length + 1,
        label: begin[1],
        line: i + 1,
        base64Lines: [],
        headers: false,
        closed: false,
      };
      scan.blocks.push(current);
    } else if (line) {
      scan.extraLines.push(i + 1);
      scan.firstExtraText ??= line;
    }
  }
  return scan;
}

const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes a block's body, or says where the base64 is broken. */
export function decodeBlock(block: PemBlock): { der: Buffer } | { badLine: number } {
  for (const l of block.base64Lines) if (!BASE64_LINE.test(l.text)) return { badLine: l.line };
  const joined = block.base64Lines.map((l) => l.text).join("");
  if (joined.length === 0 || joined.length % 4 !== 0 || /=[^=]/.test(joined))
    return { badLine: block.base64Lines.at(-1)?.line ?? block.line };
  return { der: Buffer.from(joined, "base64") };
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
