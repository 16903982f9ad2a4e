import type { FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

const PEM_WHY =
  'ConnectPay asks for the chain as "X509 ASCII Base64" (PEM) and rejects a wrong format (ConnectPay\'s API documentation, Certificates).';
const PEM_SOURCE = 'ConnectPay\'s security page: "X509 ASCII Base64 format (PEM)"; RFC 7468';

/** Findings made while reading an input, before any certificate is judged (src/core/input/read-bundle.ts, src/cli/commands/check/judge-files.ts). */
export const READ_FINDINGS = {
  "input.unreadable": { severity: "error" },
  "format.empty": { severity: "error" },
  "format.not-pem": { severity: "error" },
  "format.private-key": { severity: "error" },
  "input.key-file": { severity: "info" },
  "format.malformed": { severity: "error" },
  "format.unexpected-block": { severity: "error" },
  "format.extra-text": { severity: "warning" },
  "format.glued-blocks": { severity: "error" },
  "format.encoding": { severity: "warning" },
  "format.limit-exceeded": { severity: "error" },
  "format.kdf-iterations": { severity: "error" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of READ_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const READ_TEXTS = (): GroupTexts<typeof READ_FINDINGS> => ({
  "input.unreadable": {
    title: "Input unreadable",
    summary:
      "an input could not be read: missing, permission denied, a directory/glob that matched nothing, a Git LFS pointer (exit 2)",
    description:
      "An input could not be read (missing, permission denied, a directory or glob that matched nothing, a Git LFS pointer left by a checkout without LFS where a scan expected a certificate); exit 2.",
    why: "Nothing was judged: a CI job that reads no chain must not pass as if the chain were fine.",
    fix: "check the path (a glob that matches nothing is an error on purpose); a Git LFS pointer: `git lfs pull`",
    source: "connectpay-cert: a CI job must not pass because it read nothing",
    example: "cannot read certs/client.pem: no such file.",
    exampleFrom: { test: "read" },
    group: "check",
  },
  "format.empty": {
    title: "Empty file",
    summary: "the file is empty or only whitespace",
    description: "The file is empty or only whitespace.",
    why: PEM_WHY,
    fix: "export the chain again as PEM",
    source: PEM_SOURCE,
    example: "The file is empty: it holds no certificate.",
    exampleFrom: { check: ["fixtures/format/empty.pem"] },
    group: "check",
  },
  "format.not-pem": {
    title: "Not PEM",
    summary: "binary DER, PKCS#7 (`.p7b`), PKCS#12, or no CERTIFICATE block at all; the message names the format",
    description:
      "Binary DER, PKCS#7, PKCS#12 or anything without a PEM CERTIFICATE block; the hint names the format and the command that converts it.",
    why: PEM_WHY,
    fix: "the hint gives the converting command",
    source: PEM_SOURCE,
    example:
      'This is a binary DER certificate (.cer/.der), not a PEM certificate chain. ConnectPay asks for "X509 ASCII Base64" (PEM).',
    exampleFrom: { check: ["fixtures/format/leaf.der"] },
    group: "check",
  },
  "format.private-key": {
    title: "Private key in the file",
    summary: "a private key block of any kind",
    description: "A private key block of any kind is in the file; it must never be sent.",
    why: "The chain goes by email to ConnectPay support (ConnectPay's API documentation, Certificates); a key in it is disclosed to everyone who handles the mail.",
    fix: "remove it; never send a key. If it was sent, re-key",
    source: "Never share a private key (RFC 8446 §4.4.3: possession of the key is what the handshake proves)",
    example:
      "Block 4 (line 44) is a PRIVATE KEY. This file must never be sent to anyone, ConnectPay included: the key proves your identity and stays on your server.",
    exampleFrom: { check: ["fixtures/format/with-private-key.pem"] },
    group: "check",
  },
  "input.key-file": {
    title: "Key file found by a scan",
    summary: "a file found in a directory scan holds only a private key",
    description:
      "A file found in a directory or glob scan holds only a private key: it is a key file, not a broken chain; only its permissions are checked.",
    why: "A key file next to the chain is normal on a server; what matters is that only its owner can read it (key.permissions).",
    fix: "nothing, if the key belongs there; keep it out of anything you send",
    source: "connectpay-cert: a scan names every file it found, so a key file is never silently skipped",
    example: "certs/client.key is a key file (a private key only): only its permissions are checked.",
    exampleFrom: { test: "read" },
    group: "check",
  },
  "format.malformed": {
    title: "Malformed certificate block",
    summary: "a CERTIFICATE block with invalid base64, cut off (BEGIN without END), or not X.509; names block and line",
    description: "A CERTIFICATE block with invalid base64, cut off (BEGIN without END), or not an X.509 certificate.",
    why: PEM_WHY,
    fix: "download or export the certificate again",
    source: PEM_SOURCE,
    example: "Block 3 (line 30): invalid base64 at line 32.",
    exampleFrom: { check: ["fixtures/format/bad-base64.pem"] },
    group: "check",
  },
  "format.unexpected-block": {
    title: "Unexpected PEM block",
    summary: "another PEM block (CERTIFICATE REQUEST, X509 CRL, …)",
    description: "A PEM block other than CERTIFICATE (CERTIFICATE REQUEST, X509 CRL, …).",
    why: PEM_WHY,
    fix: "remove it",
    source: PEM_SOURCE,
    example:
      'Block 4 (line 44) is a "CERTIFICATE REQUEST" block; a chain for ConnectPay holds only CERTIFICATE blocks.',
    exampleFrom: { check: ["fixtures/format/with-csr.pem"] },
    group: "check",
  },
  "format.extra-text": {
    title: "Text outside the PEM blocks",
    summary: "text outside the blocks (e.g. `Bag Attributes` from `openssl pkcs12`)",
    description: "Text outside the PEM blocks, such as the Bag Attributes that `openssl pkcs12` writes.",
    why: "ConnectPay asks for pure PEM (ConnectPay's API documentation, Certificates); an importer may refuse the file or read only part of it.",
    fix: "strip it with `fix`",
    source: PEM_SOURCE,
    example:
      "Text outside the PEM blocks on 12 lines (first at line 1), as `openssl pkcs12` writes (Bag Attributes). ConnectPay may refuse a file that is not pure PEM.",
    exampleFrom: { check: ["fixtures/format/bag-attributes.pem"] },
    group: "check",
  },
  "format.glued-blocks": {
    title: "PEM blocks glued on one line",
    summary: "an END line and the next BEGIN share one line (files joined without a final newline)",
    description:
      "One block's END line and the next block's BEGIN line are on the same line, as `cat` writes files that lack a final newline. The blocks are read as blocks; OpenSSL refuses the file (bad end line).",
    why: "ConnectPay asks for pure PEM (ConnectPay's API documentation, Certificates); OpenSSL's PEM reader stops at the glued line, so the chain may not load at all.",
    fix: "`fix` writes each block on lines of its own",
    source: "RFC 7468 §2 (each encapsulation boundary on a line of its own); OpenSSL PEM_read_bio",
    example:
      "Lines 15, 28 each hold the END of one PEM block and the BEGIN of the next, as `cat` writes files that lack a final newline. They are read as separate blocks here, but OpenSSL refuses the file (bad end line).",
    exampleFrom: { check: ["fixtures/format/glued.pem"] },
    group: "check",
  },
  "format.encoding": {
    title: "Not ASCII",
    summary: "UTF-16 text or a byte order mark",
    description: "The file is UTF-16 or starts with a byte order mark; PEM is ASCII.",
    why: "PEM is ASCII; ConnectPay's import may refuse UTF-16 or a byte order mark (ConnectPay's API documentation, Certificates).",
    fix: "rewrite as ASCII with `fix`",
    source: "RFC 7468 §2",
    example: "The file is UTF-16LE text; PEM is plain ASCII and some importers refuse anything else.",
    exampleFrom: { check: ["fixtures/format/utf16.pem"] },
    group: "check",
  },
  "format.limit-exceeded": {
    title: "Input beyond a limit",
    summary: "the input is past a [limit](limits.md)",
    description:
      "The input is beyond a documented limit (size, PEM blocks, line length, certificates in a PKCS#7) and was not read further.",
    why: "A chain is a few KiB; a far larger input is the wrong file, and reading it further would cost time and memory.",
    fix: "check that this is the chain file",
    source: "connectpay-cert limits (README)",
    example: "The file is over 1048576 bytes, so it was not read further. A certificate chain is a few KiB of text.",
    exampleFrom: { test: "read" },
    group: "check",
  },
  "format.kdf-iterations": {
    title: "PKCS#12 key derivation beyond the limit",
    summary:
      "a PKCS#12 file asks for more key-derivation iterations than the [limit](limits.md) (100,000 per key, 400,000 in all)",
    description:
      "A PKCS#12 file (.p12/.pfx, whatever its name) asks for more password-based key-derivation iterations (its MAC, an encrypted bag or a shrouded key) than the limit; it is not opened, so no certificate in it is judged.",
    why: "The iteration count is written in the file and every one costs time: PKCS#12 writers use 1 to 10,000, and a file asking for 2^40 would never finish opening.",
    fix: "export the PKCS#12 again with the usual iteration count, or export the chain as PEM",
    source: "connectpay-cert limits; RFC 7292 §4 and Appendix C (iteration counts)",
    example:
      "The file is a PKCS#12 keystore that asks for 1099511627776 key-derivation iterations (for its MAC); more than 100000 are refused (PKCS#12 writers use 1 to 10,000), so it was not opened.",
    exampleFrom: { test: "read" },
    group: "check",
  },
});

const finding = findingsOf(READ_FINDINGS);

// Messages. `where` names a PEM block: "Block 4 (line 44)".

/** `error`: why the input could not be read, as the file layer says it. */
export function unreadableFinding(error: string, hint = "Check the path and its permissions."): Finding {
  return finding("input.unreadable", { message: error, hint });
}

export function keyFileFinding(file: string): Finding {
  return finding("input.key-file", {
    message: `${file} is a key file (a private key only): only its permissions are checked.`,
    hint: "Never send it.",
  });
}

export function emptyFinding(): Finding {
  return finding("format.empty", {
    message: "The file is empty: it holds no certificate.",
    hint: "Export the chain from your CA again, as PEM.",
  });
}

/** `format`: what the file is instead, and the command that converts it. */
export function notPemFinding(format: { name: string; hint: string }): Finding {
  return finding("format.not-pem", {
    message: `This is ${format.name}, not a PEM certificate chain. ConnectPay asks for "X509 ASCII Base64" (PEM).`,
    hint: format.hint,
  });
}

export function privateKeyFinding(where: string | undefined): Finding {
  return finding("format.private-key", {
    message: `${where} is a PRIVATE KEY. This file must never be sent to anyone, ConnectPay included: the key proves your identity and stays on your server.`,
    hint: "Remove the key block (`connectpay-cert fix` drops it) and keep the key file private. If it was already sent, get a new certificate with a new key.",
  });
}

export function unexpectedBlockFinding(where: string | undefined, label: string): Finding {
  return finding("format.unexpected-block", {
    message: `${where} is a "${label}" block; a chain for ConnectPay holds only CERTIFICATE blocks.`,
    hint: "Remove it (`connectpay-cert fix` keeps only the certificates).",
  });
}

export function malformedFinding(where: string | undefined, problem: string): Finding {
  return finding("format.malformed", {
    message: `${where}: ${problem}`,
    hint: "Download or export the certificate again; a copy-paste may have lost or changed characters.",
  });
}

/** `lines`: the lines outside PEM blocks; `first`: the first of them; `file`: the input, for the hint's command. */
export function extraTextFinding(lines: number[], first: string, file: string): Finding {
  const bag = /^(Bag Attributes|subject=|issuer=|localKeyID|friendlyName)/.test(first);
  const span = lines.length === 1 ? `line ${lines[0]}` : `${lines.length} lines (first at line ${lines[0]})`;
  return finding("format.extra-text", {
    message: `Text outside the PEM blocks on ${span}${bag ? ", as `openssl pkcs12` writes (Bag Attributes)" : ""}. ConnectPay may refuse a file that is not pure PEM.`,
    hint: `Strip it: \`connectpay-cert fix ${file} -o chain.pem\`.`,
  });
}

/** `lines`: where one block's END and the next one's BEGIN share a line (files joined without a final newline). */
export function gluedBlocksFinding(lines: number[], file: string): Finding {
  const where = lines.length === 1 ? `Line ${lines[0]} holds` : `Lines ${lines.join(", ")} each hold`;
  return finding("format.glued-blocks", {
    message: `${where} the END of one PEM block and the BEGIN of the next, as \`cat\` writes files that lack a final newline. They are read as separate blocks here, but OpenSSL refuses the file (bad end line).`,
    hint: `Put each BEGIN and END on a line of its own: \`connectpay-cert fix ${file} -o chain.pem\` writes the blocks apart.`,
  });
}

/** `what`: the limit hit, after "The file", e.g. "has more than 64 PEM blocks". */
export function limitFinding(what: string): Finding {
  return finding("format.limit-exceeded", {
    message: `The file ${what}, so it was not read further. A certificate chain is a few KiB of text.`,
    hint: "Check that this is the chain file and not a log or archive.",
  });
}

/** A PKCS#7 bundle of more than `max` certificates; `hint` says how to take the chain out (Pkcs7LimitError). */
export function pkcs7LimitFinding(max: number, hint: string): Finding {
  return finding("format.limit-exceeded", {
    message: `The file is a PKCS#7 bundle of more than ${max} certificates, the limit per file, so it was not read.`,
    hint,
  });
}

/** `what`: the encoding found, after "The file", e.g. "is UTF-16 text". */
export function encodingFinding(what: string): Finding {
  return finding("format.encoding", {
    message: `The file ${what}; PEM is plain ASCII and some importers refuse anything else.`,
    hint: "Rewrite it as ASCII: `connectpay-cert fix FILE -o chain.pem`.",
  });
}

/** `problem`: what the PKCS#12 file asks for, as the reader refused it ("asks for … iterations …"). */
export function kdfIterationsFinding(problem: string): Finding {
  return finding("format.kdf-iterations", {
    message: `The file is a PKCS#12 keystore that ${problem}.`,
    hint: "Export the chain as PEM (`openssl pkcs12 -in FILE -nokeys -out chain.pem`), or the PKCS#12 again with the usual iteration count.",
  });
}

/** The input's budget of signature verifications ran out (`budget`: in RSA-2048 verifications). */
export function signatureWorkFinding(budget: number): Finding {
  return finding("format.limit-exceeded", {
    message: `The file needs more signature checks than the limit (${budget} RSA-2048 verifications' worth), so the rest were not checked and count as not verified. A certificate chain needs a few.`,
    hint: "Check that this is the chain file; a file of many CAs with the same name and large keys is not one.",
  });
}

/** A Kubernetes Secret beyond a limit of its shape (`problem`: "it is nested more than 64 levels deep; …"). */
export function secretLimitFinding(problem: string): Finding {
  return finding("format.limit-exceeded", {
    message: `The input looks like a Kubernetes Secret, but ${problem}.`,
    hint: "Check that this is the Secret: `kubectl get secret NAME -o yaml > secret.yaml`.",
  });
}
