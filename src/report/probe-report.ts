import type { ChalkInstance } from "chalk";
import { displayText } from "../core/display-text.js";
import type { Finding } from "../core/findings/finding.js";
import { isConnectPayHost, type ProbeConfig } from "../core/probe/config.js";
import type { StepRecord, StepStatus } from "../core/probe/step.js";
import { renderFinding, sortFindings } from "./human.js";
import { SCHEMA_VERSION, toJson } from "./json.js";

export interface ProbeReport {
  ok: boolean;
  config: ProbeConfig;
  steps: StepRecord[];
  /** planned steps that did not run, and why */
  notRun: StepRecord[];
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
    notRun: r.notRun.map(({ id, detail }) => ({ id, detail })),
    findings: r.findings,
    acceptableCaNames: r.acceptableCaNames,
  };
  return `${toJson(doc, 2)}\n`;
}

/** Said on stderr before the first connection, so the user sees where the secret goes before it is sent. */
export function renderProbeTarget(config: ProbeConfig): string {
  const t = target(config);
  const pub = t.publicHost ? `, public host ${t.publicHost} (from ${t.publicHostFrom})` : "";
  // The origin may name a config file: untrusted text, shown as such.
  return `${displayText(`probe: mTLS host ${t.mtlsHost} (from ${t.mtlsHostFrom})${pub}`)}\n`;
}

/** One mark per way a step can end: only a step that passed with evidence gets ✔, so a skipped or unproven step never looks like a pass. */
export const STEP_MARKS: Record<StepStatus, string> = {
  passed: "✔",
  failed: "✖",
  warning: "!",
  "not-checked": "–",
  "not-run": "–",
};

function markOf(status: StepStatus, chalk: ChalkInstance): string {
  const paint = { passed: chalk.green, failed: chalk.red, warning: chalk.yellow }[status as string] ?? chalk.dim;
  return paint(STEP_MARKS[status]);
}

function stepLine(s: StepRecord, chalk: ChalkInstance): string {
  const time = s.status === "not-run" ? "" : ` ${chalk.dim(`(${s.ms} ms)`)}`;
  return `  ${markOf(s.status, chalk)} ${s.id.padEnd(10)} ${displayText(s.detail)}${time}`;
}

/** The host probed, by name: "ConnectPay's gateway" only when it is one of ConnectPay's own hosts. */
function hostName(config: ProbeConfig): string {
  const { host, port } = config.mtls;
  const shown = port === 443 ? host : `${host}:${port}`;
  return isConnectPayHost(host) ? `ConnectPay's gateway (${shown})` : shown;
}

/** The closing line when nothing failed: it claims only what every step showed, about the host probed. */
function passLine(r: ProbeReport): string {
  const host = displayText(hostName(r.config));
  if (r.findings.some((f) => f.id === "auth.unconfirmed"))
    return `Probe: TLS with ${host} works with this certificate; the credentials could not be confirmed (see auth.unconfirmed).`;
  const partial = r.steps.filter((s) => s.status !== "passed").map((s) => s.id);
  if (partial.length)
    return `Probe: ${host} let the certificate and credentials through; not fully checked: ${partial.join(", ")} (marked ! or –).`;
  return `Probe: every step passed. ${host} accepts this certificate and these credentials.`;
}

export function renderProbeHuman(r: ProbeReport, chalk: ChalkInstance): string {
  const t = target(r.config);
  const lines = [chalk.bold(displayText(`probe ${t.mtlsHost} (${t.env})`))];
  for (const s of [...r.steps, ...r.notRun]) lines.push(stepLine(s, chalk));
  if (r.findings.length) lines.push("");
  for (const f of sortFindings(r.findings)) lines.push(...renderFinding(f, chalk));
  lines.push("");
  const first = r.findings.find((f) => f.severity === "error");
  if (r.ok) lines.push(chalk.green.bold(passLine(r)));
  else {
    // A failed ca-names step only explains a refusal that happened in a later step: name that step.
    const failed = r.steps.find((s) => !s.ok && s.id !== "ca-names") ?? r.steps.find((s) => !s.ok);
    lines.push(chalk.red.bold(`Probe failed${failed ? ` at step ${failed.id}` : ""}: ${first?.id ?? "see above"}.`));
    if (first?.hint) lines.push(`Next: ${displayText(first.hint)}`);
  }
  return `${lines.join("\n")}\n`;
}
