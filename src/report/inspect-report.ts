import type { ChalkInstance } from "chalk";
import type { RequestDetails } from "../core/csr-describe.js";
import { displayText } from "../core/display-text.js";
import type { CertificateDetails } from "../core/x509/describe-certificate.js";
import { formatKey } from "../core/x509/public-key.js";
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
  /** PKCS#10 certificate requests in the file (what `csr` writes) */
  requests?: RequestDetails[];
}

function requestRows(r: RequestDetails): [string, string][] {
  if (r.problem && r.subject === undefined) return [["Unreadable", r.problem]];
  const verifies =
    r.signatureValid === undefined
      ? `not checked: ${r.problem ?? "unknown"}`
      : r.signatureValid
        ? "verifies with the request's own public key"
        : "DOES NOT VERIFY: the request was changed after it was signed, or is damaged";
  return [
    ["Subject", r.subject ?? ""],
    ["Key", r.key ? formatKey(r.key) : "(not recognised)"],
    ["Signature", `${r.signatureAlgorithm ?? "?"}: ${verifies}`],
    ["SANs", list(r.subjectAltNames)],
    ["Key usage", list(r.keyUsage)],
    ["Ext. key usage", list(r.extendedKeyUsage)],
    [
      "Client auth",
      r.clientAuth
        ? "asked for (clientAuth in the extended key usage)"
        : "not asked for: ConnectPay's gateway needs a certificate with clientAuth; ask the CA for it, or make a new request with `connectpay-cert csr`",
    ],
  ];
}

function requestLines(requests: RequestDetails[], chalk: ChalkInstance): string[] {
  const out: string[] = [];
  for (const [i, r] of requests.entries()) {
    out.push("", chalk.cyan(`Certificate request ${i + 1} (block ${r.block}, line ${r.line})`));
    for (const [k, v] of requestRows(r)) out.push(`  ${k.padEnd(15)} ${displayText(v)}`);
  }
  return out;
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
  const n = file.requests?.length ?? 0;
  const requests = n ? `, ${n} certificate request${n === 1 ? "" : "s"}` : "";
  const out = [
    `${chalk.bold(displayText(input))} (${format}, ${certs.length} certificate${certs.length === 1 ? "" : "s"}${requests})`,
    ...keyNote(file.privateKeys).map((line) => chalk.yellow(line)),
  ];
  for (const c of certs) {
    out.push("", chalk.cyan(`Certificate ${c.index + 1}`));
    for (const [k, v] of rows(c)) out.push(`  ${k.padEnd(15)} ${displayText(v)}`);
  }
  out.push(...requestLines(file.requests ?? [], chalk));
  return `${out.join("\n")}\n`;
}

export function renderInspectJson(file: InspectedFile, certs: CertificateDetails[]): string {
  const { input, format, privateKeys, requests } = file;
  const doc = { schemaVersion: SCHEMA_VERSION, input, format, privateKeys, certificates: certs, requests };
  return `${toJson(doc, 2)}\n`;
}
