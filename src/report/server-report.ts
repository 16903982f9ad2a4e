import type { ChalkInstance } from "chalk";
import type { BundleResult } from "../core/check-bundle.js";
import { displayText } from "../core/display-text.js";
import { countBySeverity } from "../core/findings/finding.js";
import type { CertificateDetails } from "../core/x509/describe-certificate.js";
import { renderFinding, sortFindings } from "./human.js";
import { renderInspectHuman } from "./inspect-report.js";
import { SCHEMA_VERSION, toJson } from "./json.js";

/** What `inspect host:port` saw and concluded; every field is an observation or core's verdict on it. */
export interface ServerInspection {
  target: string;
  address: string;
  protocol: string;
  /** the certificates as the server sent them */
  sent: CertificateDetails[];
  /** "wire": in the order they came (read with openssl s_client); "rebuilt": Node's issuer walk of them */
  order: "wire" | "rebuilt";
  /** the sent chain completed from the trust source and judged like `check --purpose server` */
  verdict: BundleResult;
  /** "the Mozilla store in Node" or "--ca FILE" */
  trustSource: string;
  /** Node's host-name check of the leaf; undefined when it matches */
  nameMismatch?: string;
  clientCertificates: { asked: boolean; caNames: string[] } | { unknown: string };
}

export function renderServerHuman(s: ServerInspection, chalk: ChalkInstance): string {
  const file = {
    input: `${s.target} (${s.address}, ${s.protocol})`,
    format: "sent in the TLS handshake",
    privateKeys: 0,
  };
  const lines = [renderInspectHuman(file, s.sent, chalk).trimEnd(), ""];
  lines.push(chalk.bold(`Judged as a server chain against ${displayText(s.trustSource)}:`));
  const roles = s.verdict.path.map((i) => s.verdict.certificates[i]);
  lines.push(`  path   ${roles.map((c) => `${c.role} ${displayText(c.subjectCN ?? c.subject)}`).join(" → ")}`);
  for (const f of sortFindings(s.verdict.findings)) lines.push(...renderFinding(f, chalk));
  const counts = countBySeverity(s.verdict.findings);
  lines.push(
    s.verdict.ok
      ? chalk.green(`  chain  trusted for a TLS server${counts.warning ? ` (${counts.warning} warning(s))` : ""}`)
      : chalk.red(`  chain  not trusted: ${counts.error} error(s)`),
  );
  lines.push(
    s.nameMismatch
      ? chalk.red(`  name   ${displayText(s.nameMismatch)}`)
      : chalk.green(`  name   the leaf is valid for ${displayText(s.target.replace(/:\d+$/, ""))}`),
  );
  lines.push("", clientCertificateLine(s.clientCertificates));
  return `${lines.join("\n")}\n`;
}

function clientCertificateLine(c: ServerInspection["clientCertificates"]): string {
  if ("unknown" in c) return `Client certificates: not known (${displayText(c.unknown)}).`;
  if (!c.asked) return "Client certificates: this server did not ask for one (openssl s_client saw no request).";
  if (c.caNames.length === 0) return "Client certificates: asked for, without naming acceptable CAs.";
  return [
    `Client certificates: asked for, from these ${c.caNames.length} CA(s):`,
    ...c.caNames.map((n) => `  ${displayText(n)}`),
  ].join("\n");
}

export function renderServerJson(s: ServerInspection): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    input: s.target,
    format: "TLS",
    server: { address: s.address, protocol: s.protocol, nameMatches: !s.nameMismatch, nameMismatch: s.nameMismatch },
    order: s.order,
    certificates: s.sent,
    verdict: { ok: s.verdict.ok, trustSource: s.trustSource, path: s.verdict.path, findings: s.verdict.findings },
    clientCertificates: s.clientCertificates,
  };
  return `${toJson(doc, 2)}\n`;
}
