import { malformedExtensionFinding, nonDerFinding } from "../findings/cert.js";
import type { Finding } from "../findings/finding.js";
import {
  emptyFinding,
  extraTextFinding,
  gluedBlocksFinding,
  limitFinding,
  malformedFinding,
  notPemFinding,
  privateKeyFinding,
  unexpectedBlockFinding,
} from "../findings/read.js";
import { LIMITS } from "../limits.js";
import type { CertCache } from "../x509/cert-cache.js";
import type { Certificate } from "../x509/certificate.js";
import { type BlockItem, type ReadStop, readBlocks } from "./read-blocks.js";
import { fileInHint } from "./shell-arg.js";
import { describeFormat } from "./sniff.js";

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

/**
 * Reads a PEM bundle strictly: every deviation from "PEM certificates only" becomes a finding. `cache` is
 * the run's (see CertCache); without one every certificate is parsed afresh.
 */
export function readBundle(bytes: Buffer, displayName: string, cache?: CertCache): ReadResult {
  const read = readBlocks(bytes, { mode: "strict", parse: cache && ((der) => cache.parse(der)), known: cache });
  const findings: Finding[] = [];
  if (read.encoding)
    findings.push({ ...read.encoding, hint: read.encoding.hint && fileInHint(read.encoding.hint, displayName) });
  if (read.stop) {
    findings.push(stopFinding(read.stop, displayName));
    return { entries: [], findings };
  }
  if (read.gluedLines) findings.push(gluedBlocksFinding(read.gluedLines, displayName));
  if (read.extraLines.length > 0)
    findings.push(extraTextFinding(read.extraLines, read.firstExtraText ?? "", displayName));
  const entries: BundleEntry[] = [];
  for (const item of read.items) readItem(item, entries, findings);
  if (!read.items.some((item) => item.at?.label === "CERTIFICATE")) {
    const pkcs7 = read.items.some((item) => item.kind === "pkcs7");
    findings.push(
      notPemFinding(
        pkcs7
          ? describeFormat("pkcs7-pem", displayName)
          : { name: "PEM text without any CERTIFICATE block", hint: "Add the certificates of your chain as PEM." },
      ),
    );
  }
  return { entries, findings };
}

function stopFinding(stop: ReadStop, displayName: string): Finding {
  if (stop.kind === "not-pem") return notPemFinding(describeFormat(stop.format, displayName));
  if (stop.kind === "empty") return emptyFinding();
  const { hit } = stop;
  if (hit.limit === "maxInputBytes")
    return limitFinding(`is at least ${hit.bytes} bytes; the limit is ${LIMITS.maxInputBytes} bytes`);
  if (hit.limit === "maxLineLength")
    return limitFinding(`has a line longer than ${LIMITS.maxLineLength} characters (line ${hit.line})`);
  return limitFinding(`has more than ${LIMITS.maxBlocks} PEM blocks`);
}

function readItem(item: BlockItem, entries: BundleEntry[], findings: Finding[]): void {
  const where = item.at && `Block ${item.at.block} (line ${item.at.line})`;
  if (item.kind === "private-key") {
    findings.push(atLine(privateKeyFinding(where), item.at?.line));
    return;
  }
  if (item.kind === "other") {
    findings.push(atLine(unexpectedBlockFinding(where, item.at.label), item.at.line));
    return;
  }
  if (item.kind === "malformed" && item.extension) {
    findings.push(atLine(malformedExtensionFinding(where, item.problem, item.extension), item.at?.line));
    return;
  }
  if (item.kind === "malformed") {
    findings.push(atLine(malformedFinding(where, item.problem), item.at?.line));
    return;
  }
  if (item.kind !== "certificate") return;
  const index = entries.length;
  entries.push({ index, block: item.at?.block, line: item.at?.line, cert: item.cert });
  if (item.cert.defects.length > 0) findings.push(nonDerFinding(item.cert, index));
}

/** The finding about one PEM block, with the block's BEGIN line (SARIF and GitHub annotations point at it). */
function atLine(f: Finding, line: number | undefined): Finding {
  return line === undefined ? f : { ...f, line };
}
