import { type Finding, finding } from "../findings/finding.js";
import { LIMITS } from "../limits.js";
import type { CertCache } from "../x509/cert-cache.js";
import { type Certificate, certLabel } from "../x509/certificate.js";
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
  const read = readBlocks(bytes, { mode: "strict", parse: cache && ((der) => cache.parse(der)) });
  const findings: Finding[] = [];
  if (read.encoding)
    findings.push({ ...read.encoding, hint: read.encoding.hint && fileInHint(read.encoding.hint, displayName) });
  if (read.stop) {
    findings.push(stopFinding(read.stop, displayName));
    return { entries: [], findings };
  }
  if (read.gluedLines) findings.push(gluedBlocks(read.gluedLines, displayName));
  if (read.extraLines.length > 0) findings.push(extraText(read.extraLines, read.firstExtraText ?? "", displayName));
  const entries: BundleEntry[] = [];
  for (const item of read.items) readItem(item, entries, findings);
  if (!read.items.some((item) => item.at?.label === "CERTIFICATE")) {
    const pkcs7 = read.items.some((item) => item.kind === "pkcs7");
    findings.push(
      notPem(
        pkcs7
          ? describeFormat("pkcs7-pem", displayName)
          : { name: "PEM text without any CERTIFICATE block", hint: "Add the certificates of your chain as PEM." },
      ),
    );
  }
  return { entries, findings };
}

function stopFinding(stop: ReadStop, displayName: string): Finding {
  if (stop.kind === "not-pem") return notPem(describeFormat(stop.format, displayName));
  if (stop.kind === "empty")
    return finding("format.empty", {
      message: "The file is empty: it holds no certificate.",
      hint: "Export the chain from your CA again, as PEM.",
    });
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
    findings.push(
      finding("format.private-key", {
        message: `${where} is a PRIVATE KEY. This file must never be sent to anyone, ConnectPay included: the key proves your identity and stays on your server.`,
        hint: "Remove the key block (`connectpay-cert fix` drops it) and keep the key file private. If it was already sent, get a new certificate with a new key.",
      }),
    );
    return;
  }
  if (item.kind === "other") {
    findings.push(
      finding("format.unexpected-block", {
        message: `${where} is a "${item.at.label}" block; a chain for ConnectPay holds only CERTIFICATE blocks.`,
        hint: "Remove it (`connectpay-cert fix` keeps only the certificates).",
      }),
    );
    return;
  }
  if (item.kind === "malformed" && item.extension) {
    findings.push(
      finding("cert.malformed-extension", {
        message: `${where}: ${item.problem} OpenSSL refuses to use a certificate whose ${item.extension} extension it cannot read.`,
        hint: "Ask the CA to reissue the certificate; it cannot be repaired without the CA's key.",
      }),
    );
    return;
  }
  if (item.kind === "malformed") {
    findings.push(
      finding("format.malformed", {
        message: `${where}: ${item.problem}`,
        hint: "Download or export the certificate again; a copy-paste may have lost or changed characters.",
      }),
    );
    return;
  }
  if (item.kind !== "certificate") return;
  const index = entries.length;
  entries.push({ index, block: item.at?.block, line: item.at?.line, cert: item.cert });
  if (item.cert.defects.length > 0) findings.push(nonDer(item.cert, index));
}

/** Defects OpenSSL accepts (the fatal ones made the block malformed): a warning, one per certificate. */
function nonDer(cert: Certificate, index: number): Finding {
  const list = cert.defects.map((d) => `the ${d.field}: ${d.problem}`).join("; ");
  return finding("cert.non-der", {
    message: `Certificate ${index + 1} (${certLabel(cert)}) breaks DER or RFC 5280 where OpenSSL is lenient: ${list}. ConnectPay's gateway loads it; strict TLS stacks refuse it.`,
    certificate: index,
    hint: "Ask the CA to reissue it with a conforming encoding.",
  });
}

function notPem(format: { name: string; hint: string }): Finding {
  return finding("format.not-pem", {
    message: `This is ${format.name}, not a PEM certificate chain. ConnectPay asks for "X509 ASCII Base64" (PEM).`,
    hint: format.hint,
  });
}

function extraText(lines: number[], first: string, file: string): Finding {
  const bag = /^(Bag Attributes|subject=|issuer=|localKeyID|friendlyName)/.test(first);
  const span = lines.length === 1 ? `line ${lines[0]}` : `${lines.length} lines (first at line ${lines[0]})`;
  return finding("format.extra-text", {
    message: `Text outside the PEM blocks on ${span}${bag ? ", as `openssl pkcs12` writes (Bag Attributes)" : ""}. ConnectPay may refuse a file that is not pure PEM.`,
    hint: `Strip it: \`connectpay-cert fix ${file} -o chain.pem\`.`,
  });
}

function gluedBlocks(lines: number[], file: string): Finding {
  const where = lines.length === 1 ? `Line ${lines[0]} holds` : `Lines ${lines.join(", ")} each hold`;
  return finding("format.glued-blocks", {
    message: `${where} the END of one PEM block and the BEGIN of the next, as \`cat\` writes files that lack a final newline. They are read as separate blocks here, but OpenSSL refuses the file (bad end line).`,
    hint: `Put each BEGIN and END on a line of its own: \`connectpay-cert fix ${file} -o chain.pem\` writes the blocks apart.`,
  });
}

function limitFinding(what: string): Finding {
  return finding("format.limit-exceeded", {
    message: `The file ${what}, so it was not read further. A certificate chain is a few KiB of text.`,
    hint: "Check that this is the chain file and not a log or archive.",
  });
}
