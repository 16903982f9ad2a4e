import type { ChalkInstance } from "chalk";
import { displayText } from "../core/display-text.js";
import type { CertificateDetails } from "../core/x509/describe-certificate.js";
import { SCHEMA_VERSION, toJson } from "./json.js";

const list = (items?: string[]) => (items === undefined ? "(not present)" : items.join(", ") || "(none)");

function rows(c: CertificateDetails): [string, string][] {
  const bc = c.basicConstraints;
  const malformed: [string, string][] = (c.malformed ?? []).map((m) => ["Malformed", m]);
  return [
    ...malformed,
    ["Subject", c.subject],
    ["Issuer", c.issuer],
    ["Serial", c.serialNumber],
    ["Not before", c.notBefore],
    [
      "Not after",
      c.notAfter.startsWith("(")
        ? c.notAfter
        : `${c.notAfter} (${c.daysRemaining < 0 ? `expired ${-c.daysRemaining} days ago` : `${c.daysRemaining} days left`})`,
    ],
    ["SHA-256", c.fingerprintSha256],
    ["SHA-1", c.fingerprintSha1],
    ["Key", c.key.description],
    ["Signature", c.signatureAlgorithm],
    ["SANs", list(c.subjectAltNames)],
    ["Key usage", list(c.keyUsage)],
    ["Ext. key usage", list(c.extendedKeyUsage)],
    [
      "Basic constr.",
      bc
        ? `CA:${bc.ca ? "TRUE" : "FALSE"}${bc.pathLength === undefined ? "" : `, pathlen:${bc.pathLength}`}`
        : "(not present)",
    ],
    ["Subject key id", c.subjectKeyId ?? "(not present)"],
    ["Auth. key id", c.authorityKeyId ?? "(not present)"],
    ["OCSP", list(c.ocspUrls)],
    ["CA issuers", list(c.caIssuersUrls)],
    ["CRL", list(c.crlDistributionPoints)],
    ["Self-signed", c.selfSigned ? "yes" : "no"],
    ...(c.crossSigned ? [["Cross-signed", crossSignedText(c.crossSigned)] as [string, string]] : []),
  ];
}

function crossSignedText(x: NonNullable<CertificateDetails["crossSigned"]>): string {
  return `yes: issued by ${x.issuer}; the same CA (subject and key) as certificate ${x.sameAs + 1}`;
}

/** The file as a whole: its name, its format, and how many private keys it holds besides the certificates. */
export interface InspectedFile {
  input: string;
  format: string;
  privateKeys: number;
}

/** A key in a certificate file is easy to email by mistake: say so before anything else. */
function keyNote(n: number): string[] {
  if (n === 0) return [];
  const what = n === 1 ? "a private key" : `${n} private keys`;
  return [
    `This file also holds ${what}: keep it private and never send it. \`connectpay-cert fix\` writes the certificates without it.`,
  ];
}

export function renderInspectHuman(file: InspectedFile, certs: CertificateDetails[], chalk: ChalkInstance): string {
  const { input, format } = file;
  const out = [
    `${chalk.bold(displayText(input))} (${format}, ${certs.length} certificate${certs.length === 1 ? "" : "s"})`,
    ...keyNote(file.privateKeys).map((line) => chalk.yellow(line)),
  ];
  for (const c of certs) {
    out.push("", chalk.cyan(`Certificate ${c.index + 1}`));
    for (const [k, v] of rows(c)) out.push(`  ${k.padEnd(15)} ${displayText(v)}`);
  }
  return `${out.join("\n")}\n`;
}

export function renderInspectJson(file: InspectedFile, certs: CertificateDetails[]): string {
  const { input, format, privateKeys } = file;
  return `${toJson({ schemaVersion: SCHEMA_VERSION, input, format, privateKeys, certificates: certs }, 2)}\n`;
}
