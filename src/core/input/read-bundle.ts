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
import { namesMatch } from "../x509/names.js";
import { akiMatches } from "../x509/signature.js";
import { type BlockItem, type ReadStop, readBlocks } from "./read-blocks.js";
import { fileInHint } from "./shell-arg.js";
import { describeFormat } from "./sniff.js";
import type { DecodedText } from "./text.js";

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
 * the run's (see CertCache); without one every certificate is parsed afresh. `decoded`: the bytes' text, when
 * the caller has it already.
 */
export function readBundle(bytes: Buffer, displayName: string, cache?: CertCache, decoded?: DecodedText): ReadResult {
  const read = cache?.takeRead(bytes) ?? readStrict(bytes, cache, decoded);
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

function readStrict(bytes: Buffer, cache?: CertCache, decoded?: DecodedText) {
  return readBlocks(bytes, { mode: "strict", parse: cache && ((der) => cache.parse(der)), known: cache, decoded });
}

/**
 * Reads `bytes` now as readBundle will at their turn (kept in the run's cache, taken once; its CAs are
 * remembered at the turn, CertCache.readAhead), and names the
 * first signature check the chain will ask for: a leaf's, by the first certificate of its issuer's name whose
 * key identifier fits (analyzeChain's first candidate). A folder's next bundles are read while one is judged,
 * so that check can run on another thread (signature-worker.ts).
 */
export function readAhead(bytes: Buffer, decoded: DecodedText, cache: CertCache): AheadRead {
  const read = cache.readAhead(bytes, (readers) => readBlocks(bytes, { mode: "strict", ...readers, decoded }));
  const certs = read.items.flatMap((item) => (item.kind === "certificate" ? [item.cert] : []));
  const child = certs.find((c) => !c.basicConstraints?.ca);
  const issuer =
    child && certs.find((c) => c !== child && namesMatch(c.subjectDer, child.issuerDer) && akiMatches(child, c));
  return { blocks: read.items.length, check: child && issuer && { child, issuer } };
}

/** An input read ahead: how many blocks it holds (each parsed), and the leaf's signature check to start. */
export interface AheadRead {
  blocks: number;
  check: { child: Certificate; issuer: Certificate } | undefined;
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
