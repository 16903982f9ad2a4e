import type { Finding } from "./finding.js";
import { LIMITS } from "./limits.js";
import { decodeBlock, isPrivateKeyLabel, type PemBlock, PKCS7_LABELS, scanPem } from "./pem.js";
import { describeFormat, sniffBinary } from "./sniff.js";
import { decodeText } from "./text.js";
import type { CertCache } from "./x509/cert-cache.js";
import { type Certificate, CertificateParseError, parseCertificate } from "./x509/certificate.js";

export interface BundleEntry {
  /** 0-based position among the certificates of the input */
  index: number;
  /** 1-based PEM block number and BEGIN line, when read from PEM */
  block?: number;
  line?: number;
  cert: Certificate;
}

export interface ReadResult {
  entries: BundleEntry[];
  findings: Finding[];
}

type Parse = (der: Buffer) => Certificate;

/**
 * Reads a PEM bundle strictly: every deviation from "PEM certificates only" becomes a finding. `cache` is
 * the run's (see CertCache); without one every certificate is parsed afresh.
 */
export function readBundle(bytes: Buffer, displayName: string, cache?: CertCache): ReadResult {
  const findings: Finding[] = [];
  if (bytes.length > LIMITS.maxInputBytes) {
    findings.push(limitFinding(`is ${bytes.length} bytes; the limit is ${LIMITS.maxInputBytes} bytes`));
    return { entries: [], findings };
  }
  const decoded = decodeText(bytes);
  if (decoded.text.trim() === "") {
    findings.push({
      id: "format.empty",
      severity: "error",
      message: "The file is empty: it holds no certificate.",
      hint: "Export the chain from your CA again, as PEM.",
    });
    return { entries: [], findings };
  }
  if (!decoded.text.includes("-----BEGIN ")) {
    findings.push(notPem(describeFormat(sniffBinary(bytes), displayName)));
    return { entries: [], findings };
  }
  if (decoded.note) findings.push({ ...decoded.note, hint: decoded.note.hint?.replace("FILE", displayName) });
  const scan = scanPem(decoded.text);
  if (scan.longLine)
    findings.push(limitFinding(`has a line longer than ${LIMITS.maxLineLength} characters (line ${scan.longLine})`));
  if (scan.tooManyBlocks) findings.push(limitFinding(`has more than ${LIMITS.maxBlocks} PEM blocks`));
  if (scan.longLine || scan.tooManyBlocks) return { entries: [], findings };
  if (scan.extraLines.length > 0) findings.push(extraText(scan.extraLines, scan.firstExtraText ?? "", displayName));
  const entries: BundleEntry[] = [];
  const parse: Parse = cache ? (der) => cache.parse(der) : parseCertificate;
  for (const block of scan.blocks) readBlock(block, parse, entries, findings);
  if (!scan.blocks.some((b) => b.label === "CERTIFICATE")) findings.push(noCertificateBlock(scan.blocks, displayName));
  return { entries, findings };
}

function noCertificateBlock(blocks: PemBlock[], displayName: string): Finding {
  const pkcs7 = blocks.some((b) => PKCS7_LABELS.has(b.label));
  return notPem(
    pkcs7
      ? describeFormat("pkcs7-pem", displayName)
      : { name: "PEM text without any CERTIFICATE block", hint: "Add the certificates of your chain as PEM." },
  );
}

function readBlock(block: PemBlock, parse: Parse, entries: BundleEntry[], findings: Finding[]): void {
  const where = `Block ${block.number} (line ${block.line})`;
  if (isPrivateKeyLabel(block.label)) {
    findings.push({
      id: "format.private-key",
      severity: "error",
      message: `${where} is a PRIVATE KEY. This file must never be sent to anyone, ConnectPay included: the key proves your identity and stays on your server.`,
      hint: "Remove the key block (`connectpay-cert fix` drops it) and keep the key file private. If it was already sent, get a new certificate with a new key.",
    });
    return;
  }
  if (block.label !== "CERTIFICATE") {
    if (PKCS7_LABELS.has(block.label)) return;
    findings.push({
      id: "format.unexpected-block",
      severity: "error",
      message: `${where} is a "${block.label}" block; a chain for ConnectPay holds only CERTIFICATE blocks.`,
      hint: "Remove it (`connectpay-cert fix` keeps only the certificates).",
    });
    return;
  }
  const problem = blockProblem(block, parse);
  if (typeof problem === "string") {
    findings.push({
      id: "format.malformed",
      severity: "error",
      message: `${where}: ${problem}`,
      hint: "Download or export the certificate again; a copy-paste may have lost or changed characters.",
    });
    return;
  }
  entries.push({ index: entries.length, block: block.number, line: block.line, cert: problem });
}

function blockProblem(block: PemBlock, parse: Parse): string | Certificate {
  if (!block.closed) return "BEGIN CERTIFICATE has no matching END line; the file looks cut off.";
  if (block.endLabel !== block.label) return `BEGIN ${block.label} is closed by END ${block.endLabel}.`;
  if (block.headers) return "the certificate block contains header lines (Name: value), which are not base64.";
  const decoded = decodeBlock(block);
  if ("badLine" in decoded) return `invalid base64 at line ${decoded.badLine}.`;
  try {
    return parse(decoded.der);
  } catch (err) {
    if (err instanceof CertificateParseError) return `the base64 decodes, but ${err.message}.`;
    throw err;
  }
}

function notPem(format: { name: string; hint: string }): Finding {
  return {
    id: "format.not-pem",
    severity: "error",
    message: `This is ${format.name}, not a PEM certificate chain. ConnectPay asks for "X509 ASCII Base64" (PEM).`,
    hint: format.hint,
  };
}

function extraText(lines: number[], first: string, file: string): Finding {
  const bag = /^(Bag Attributes|subject=|issuer=|localKeyID|friendlyName)/.test(first);
  const span = lines.length === 1 ? `line ${lines[0]}` : `${lines.length} lines (first at line ${lines[0]})`;
  return {
    id: "format.extra-text",
    severity: "warning",
    message: `Text outside the PEM blocks on ${span}${bag ? ", as `openssl pkcs12` writes (Bag Attributes)" : ""}. ConnectPay may refuse a file that is not pure PEM.`,
    hint: `Strip it: \`connectpay-cert fix ${file} -o chain.pem\`.`,
  };
}

function limitFinding(what: string): Finding {
  return {
    id: "format.limit-exceeded",
    severity: "error",
    message: `The file ${what}, so it was not read further. A certificate chain is a few KiB of text.`,
    hint: "Check that this is the chain file and not a log or archive.",
  };
}
