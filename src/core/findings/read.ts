import type { FindingDefinition } from "./definition.js";

const PEM_WHY =
  'ConnectPay asks for the chain as "X509 ASCII Base64" (PEM) and rejects a wrong format (docs/connectpay.md §1, Certificates).';
const PEM_SOURCE = 'ConnectPay security page (docs/connectpay.md §2): "X509 ASCII Base64 format (PEM)"; RFC 7468';

/** Findings made while reading an input, before any certificate is judged (src/core/input/read-bundle.ts, src/cli/commands/check/judge-files.ts). */
export const READ_FINDINGS = {
  "input.unreadable": {
    severity: "error",
    title: "Input unreadable",
    summary:
      "an input could not be read: missing, permission denied, or a directory/glob that matched nothing (exit 2)",
    description:
      "An input could not be read (missing, permission denied, a directory or glob that matched nothing); exit 2.",
    why: "Nothing was judged: a CI job that reads no chain must not pass as if the chain were fine.",
    fix: "check the path; a CI glob that matches nothing is an error on purpose",
    source: "connectpay-cert: a CI job must not pass because it read nothing",
    example: "cannot read certs/client.pem: no such file.",
    group: "check",
  },
  "format.empty": {
    severity: "error",
    title: "Empty file",
    summary: "the file is empty or only whitespace",
    description: "The file is empty or only whitespace.",
    why: PEM_WHY,
    fix: "export the chain again as PEM",
    source: PEM_SOURCE,
    example: "The file is empty: it holds no certificate.",
    group: "check",
  },
  "format.not-pem": {
    severity: "error",
    title: "Not PEM",
    summary: "binary DER, PKCS#7 (`.p7b`), PKCS#12, or no CERTIFICATE block at all; the message names the format",
    description:
      "Binary DER, PKCS#7, PKCS#12 or anything without a PEM CERTIFICATE block; the hint names the format and the command that converts it.",
    why: PEM_WHY,
    fix: "the hint gives the converting command",
    source: PEM_SOURCE,
    example:
      'This is a binary DER certificate (.cer/.der), not a PEM certificate chain. ConnectPay asks for "X509 ASCII Base64" (PEM).',
    group: "check",
  },
  "format.private-key": {
    severity: "error",
    title: "Private key in the file",
    summary: "a private key block of any kind",
    description: "A private key block of any kind is in the file; it must never be sent.",
    why: "The chain goes by email to ConnectPay support (docs/connectpay.md §1, Certificates); a key in it is disclosed to everyone who handles the mail.",
    fix: "remove it; never send a key. If it was sent, re-key",
    source: "Never share a private key (RFC 8446 §4.4.3: possession of the key is what the handshake proves)",
    example:
      "Block 4 (line 44) is a PRIVATE KEY. This file must never be sent to anyone, ConnectPay included: the key proves your identity and stays on your server.",
    group: "check",
  },
  "input.key-file": {
    severity: "info",
    title: "Key file found by a scan",
    summary: "a file found in a directory scan holds only a private key",
    description:
      "A file found in a directory or glob scan holds only a private key: it is a key file, not a broken chain; only its permissions are checked.",
    why: "A key file next to the chain is normal on a server; what matters is that only its owner can read it (key.permissions).",
    fix: "nothing, if the key belongs there; keep it out of anything you send",
    source: "issue 14 (CI scans read like a person wrote them)",
    example: "certs/client.key is a key file (a private key only): only its permissions are checked.",
    group: "check",
  },
  "format.malformed": {
    severity: "error",
    title: "Malformed certificate block",
    summary: "a CERTIFICATE block with invalid base64, cut off (BEGIN without END), or not X.509; names block and line",
    description: "A CERTIFICATE block with invalid base64, cut off (BEGIN without END), or not an X.509 certificate.",
    why: PEM_WHY,
    fix: "download or export the certificate again",
    source: PEM_SOURCE,
    example: "Block 3 (line 30): invalid base64 at line 32.",
    group: "check",
  },
  "format.unexpected-block": {
    severity: "error",
    title: "Unexpected PEM block",
    summary: "another PEM block (CERTIFICATE REQUEST, X509 CRL, …)",
    description: "A PEM block other than CERTIFICATE (CERTIFICATE REQUEST, X509 CRL, …).",
    why: PEM_WHY,
    fix: "remove it",
    source: PEM_SOURCE,
    example:
      'Block 4 (line 44) is a "CERTIFICATE REQUEST" block; a chain for ConnectPay holds only CERTIFICATE blocks.',
    group: "check",
  },
  "format.extra-text": {
    severity: "warning",
    title: "Text outside the PEM blocks",
    summary: "text outside the blocks (e.g. `Bag Attributes` from `openssl pkcs12`)",
    description: "Text outside the PEM blocks, such as the Bag Attributes that `openssl pkcs12` writes.",
    why: "ConnectPay asks for pure PEM (docs/connectpay.md §1, Certificates); an importer may refuse the file or read only part of it.",
    fix: "strip it with `fix`",
    source: PEM_SOURCE,
    example:
      "Text outside the PEM blocks on 12 lines (first at line 1), as `openssl pkcs12` writes (Bag Attributes). ConnectPay may refuse a file that is not pure PEM.",
    group: "check",
  },
  "format.glued-blocks": {
    severity: "warning",
    title: "PEM blocks glued on one line",
    summary: "an END line and the next BEGIN share one line (files joined without a final newline)",
    description:
      "One block's END line and the next block's BEGIN line are on the same line, as `cat` writes files that lack a final newline. The blocks are read as blocks; OpenSSL refuses the file (bad end line).",
    why: "ConnectPay asks for pure PEM (docs/connectpay.md §1, Certificates); OpenSSL's PEM reader stops at the glued line, so the chain may not load at all.",
    fix: "`fix` writes each block on lines of its own",
    source: "RFC 7468 §2 (each encapsulation boundary on a line of its own); OpenSSL PEM_read_bio",
    example:
      "Line 15 holds the END of one PEM block and the BEGIN of the next. They are read as separate blocks here, but OpenSSL refuses the file (bad end line).",
    group: "check",
  },
  "format.encoding": {
    severity: "warning",
    title: "Not ASCII",
    summary: "UTF-16 text or a byte order mark",
    description: "The file is UTF-16 or starts with a byte order mark; PEM is ASCII.",
    why: "PEM is ASCII; ConnectPay's import may refuse UTF-16 or a byte order mark (docs/connectpay.md §1, Certificates).",
    fix: "rewrite as ASCII with `fix`",
    source: "RFC 7468 §2",
    example: "The file is UTF-16LE text; PEM is plain ASCII and some importers refuse anything else.",
    group: "check",
  },
  "format.limit-exceeded": {
    severity: "error",
    title: "Input beyond a limit",
    summary: "the input is past a [limit](limits.md)",
    description: "The input is beyond a documented limit (size, blocks, line length) and was not read further.",
    why: "A chain is a few KiB; a far larger input is the wrong file, and reading it further would cost time and memory.",
    fix: "check that this is the chain file",
    source: "connectpay-cert limits (README)",
    example: "The file is over 1048576 bytes, so it was not read further. A certificate chain is a few KiB of text.",
    group: "check",
  },
} as const satisfies Record<string, FindingDefinition>;
