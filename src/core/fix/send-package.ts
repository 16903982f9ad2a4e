import { zipSync } from "fflate";
import type { CertificateSummary } from "../check-bundle.js";
import { displayText } from "../display-text.js";
import { isoString } from "../x509/iso-time.js";

export interface SenderFields {
  company?: string;
  developerName?: string;
  developerEmail?: string;
  developerPhone?: string;
  clientId?: string;
  env?: string;
}

/** Each field of the email body, its placeholder and the flag that fills it. */
const SENDER_FLAGS: { field: Exclude<keyof SenderFields, "env">; placeholder: string; flag: string }[] = [
  { field: "company", placeholder: "Company Name", flag: "--company" },
  { field: "developerName", placeholder: "Developer Name", flag: "--developer-name" },
  { field: "developerEmail", placeholder: "Developer Email", flag: "--developer-email" },
  { field: "developerPhone", placeholder: "Developer Phone", flag: "--developer-phone" },
  { field: "clientId", placeholder: "DevApp Client ID", flag: "--client-id" },
];

/** The placeholders left in the email body, each with the flag that fills it: said, not left to be noticed. */
export function missingSenderFields(fields: SenderFields): { placeholder: string; flag: string }[] {
  return SENDER_FLAGS.filter((s) => !fields[s.field]?.trim()).map(({ placeholder, flag }) => ({ placeholder, flag }));
}

/** A file name from the leaf's CN: letters, digits, dot, dash and underscore only. */
export function chainFileName(leaf: CertificateSummary | undefined): string {
  const base = (leaf?.subjectCN ?? "client").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "client";
  return `${base}-chain.pem`;
}

export function summaryText(certs: CertificateSummary[], path: number[]): string {
  const lines = ["Certificate chain for ConnectPay (leaf first)", ""];
  path.forEach((i, pos) => {
    const c = certs[i];
    lines.push(
      `${pos + 1}. ${c.role}`,
      `   subject:  ${displayText(c.subject)}`,
      `   issuer:   ${displayText(c.issuer)}`,
      `   serial:   ${c.serialNumber}`,
      `   notAfter: ${c.notAfter}`,
      `   SHA-256:  ${c.fingerprintSha256}`,
      "",
    );
  });
  return lines.join("\n");
}

/** The zip to attach: the chain and its summary, never a key (only these two entries exist). */
export function buildZip(chainName: string, pem: string, summary: string): Uint8Array {
  const mtime = new Date("2000-01-01T00:00:00Z");
  return zipSync(
    {
      [chainName]: [new TextEncoder().encode(pem), { mtime }],
      "certificate-summary.txt": [new TextEncoder().encode(summary), { mtime }],
    },
    { level: 6 },
  );
}

function daysLeftText(days: number): string {
  return days < 0 ? `expired ${-days} day(s) ago` : `${days} day(s) left`;
}

/** The certificate a renewal replaces (`fix --zip --registered`): ConnectPay matches serial number and CN. */
export interface Replaced {
  serialNumber: string;
  subject: string;
  notAfter: Date;
}

// A renewal has a new serial, so ConnectPay must attach it before it is used (docs/connectpay.md §1).
const renewalText = (r: Replaced) =>
  `\nThis is a renewal: the new certificate replaces the certificate with serial ${r.serialNumber} (${displayText(r.subject)}, valid until ${isoString(r.notAfter)}) attached to the DevApp. Please attach the new one; we will deploy it only once you confirm.\n`;

export function emailBody(
  fields: SenderFields,
  leaf: CertificateSummary,
  zipName: string,
  replaces?: Replaced,
): string {
  const env = fields.env ?? "stage";
  const v = (value: string | undefined, placeholder: string) => displayText(value ?? `<${placeholder}>`);
  return `To: dev-support@connectpay.com
Subject: mTLS client certificate chain for DevApp ${v(fields.clientId, "DevApp Client ID")} (${env})

Hello ConnectPay developer support,

Please add the attached certificate chain to the ${env} gateway trust stores and attach it to our DevApp.
${replaces ? renewalText(replaces) : ""}
Company Name: ${v(fields.company, "Company Name")}
Developer Name: ${v(fields.developerName, "Developer Name")}
Developer Email: ${v(fields.developerEmail, "Developer Email")}
Developer Phone (for OTP): ${v(fields.developerPhone, "Developer Phone")}
DevApp Client ID: ${v(fields.clientId, "DevApp Client ID")}

Client certificate: ${displayText(leaf.subject)}
Serial number: ${leaf.serialNumber}
Valid until: ${leaf.notAfter} (${daysLeftText(leaf.daysRemaining)})
SHA-256 fingerprint: ${leaf.fingerprintSha256}

Attached: ${displayText(zipName)} (the PEM chain, leaf → intermediate → root, and a summary).

Kind regards,
${v(fields.developerName, "Developer Name")}
`;
}
