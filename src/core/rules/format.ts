import type { Rule } from "../rule.js";

const PEM_SOURCE = 'ConnectPay security page: "X509 ASCII Base64 format (PEM)"; RFC 7468';

/** Ids produced while reading the input (src/core/read-bundle.ts); listed here so README and --help see them. */
export const formatRules: Rule[] = [
  { id: "format.empty", severity: "error", description: "The file is empty or only whitespace.", source: PEM_SOURCE },
  {
    id: "format.not-pem",
    severity: "error",
    description:
      "Binary DER, PKCS#7, PKCS#12 or anything without a PEM CERTIFICATE block; the hint names the format and the command that converts it.",
    source: PEM_SOURCE,
  },
  {
    id: "format.private-key",
    severity: "error",
    description: "A private key block of any kind is in the file; it must never be sent.",
    source: "Never share a private key (RFC 8446 §4.4.3: possession of the key is what the handshake proves)",
  },
  {
    id: "format.malformed",
    severity: "error",
    description: "A CERTIFICATE block with invalid base64, cut off (BEGIN without END), or not an X.509 certificate.",
    source: PEM_SOURCE,
  },
  {
    id: "format.unexpected-block",
    severity: "error",
    description: "A PEM block other than CERTIFICATE (CERTIFICATE REQUEST, X509 CRL, …).",
    source: PEM_SOURCE,
  },
  {
    id: "format.extra-text",
    severity: "warning",
    description: "Text outside the PEM blocks, such as the Bag Attributes that `openssl pkcs12` writes.",
    source: PEM_SOURCE,
  },
  {
    id: "format.encoding",
    severity: "warning",
    description: "The file is UTF-16 or starts with a byte order mark; PEM is ASCII.",
    source: "RFC 7468 §2",
  },
  {
    id: "format.limit-exceeded",
    severity: "error",
    description: "The input is beyond a documented limit (size, blocks, line length) and was not read further.",
    source: "connectpay-cert limits (README)",
  },
];
