import type { ChalkInstance } from "chalk";
import type { Finding } from "../core/finding.js";
import type { ProbeConfig } from "../core/probe/config.js";
import type { StepRecord } from "../core/probe/findings.js";
import { displayText } from "./display-text.js";
import { renderFinding, sortFindings } from "./human.js";
import { SCHEMA_VERSION, toJson } from "./json.js";

export interface ProbeReport {
  ok: boolean;
  config: ProbeConfig;
  steps: StepRecord[];
  findings: Finding[];
  acceptableCaNames?: string[];
}

function target(config: ProbeConfig) {
  return {
    env: config.env,
    mtlsHost: `${config.mtls.host}:${config.mtls.port}`,
    publicHost: config.public ? `${config.public.host}:${config.public.port}` : undefined,
    clientKey: config.clientKey,
    mtlsHostFrom: config.origin.mtls,
    publicHostFrom: config.origin.public,
  };
}

export function renderProbeJson(r: ProbeReport): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    ok: r.ok,
    target: target(r.config),
    steps: r.steps,
    findings: r.findings,
    acceptableCaNames: r.acceptableCaNames,
  };
  return `${toJson(doc, 2)}\n`;
}

/** Said on stderr before the first connection, so the user sees where the secret goes before it is sent. */
export function renderProbeTarget(config: ProbeConfig): string {
  const t = target(config);
  const pub = t.publicHost ? `, public host ${t.publicHost} (from ${t.publicHostFrom})` : "";
  return `probe: mTLS host ${t.mtlsHost} (from ${t.mtlsHostFrom})${pub}\n`;
}

export function renderProbeHuman(r: ProbeReport, chalk: ChalkInstance): string {
  const t = target(r.config);
  const lines = [chalk.bold(displayText(`probe ${t.mtlsHost} (${t.env})`))];
  for (const s of r.steps)
    lines.push(
      `  ${s.ok ? chalk.green("✔") : chalk.red("✖")} ${s.id.padEnd(10)} ${displayText(s.detail)} ${chalk.dim(`(${s.ms} ms)`)}`,
    );
  if (r.findings.length) lines.push("");
  for (const f of sortFindings(r.findings)) lines.push(...renderFinding(f, chalk));
  lines.push("");
  const first = r.findings.find((f) => f.severity === "error");
  if (r.ok)
    lines.push(
      chalk.green.bold(
        "Probe: every step passed. ConnectPay's gateway accepts this certificate and these credentials.",
      ),
    );
  else {
    const failed = r.steps.find((s) => !s.ok);
    lines.push(chalk.red.bold(`Probe failed${failed ? ` at step ${failed.id}` : ""}: ${first?.id ?? "see above"}.`));
    if (first?.hint) lines.push(`Next: ${displayText(first.hint)}`);
  }
  return `${lines.join("\n")}\n`;
}
