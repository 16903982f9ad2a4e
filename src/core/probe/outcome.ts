import type { Finding } from "../findings/finding.js";
import type { Certificate } from "../x509/certificate.js";
import { caNamesFinding } from "./ca-names-match.js";
import { isMtlsStep, type ProbeStepId } from "./plan.js";
import type { StepRecord } from "./step.js";

/** A step as it ran: its line in the report and its findings. */
export interface JudgedStep {
  record: StepRecord & { id: ProbeStepId };
  findings: Finding[];
}

/** The CA names the server listed, and the path (leaf first) we presented. */
export interface CaNamesEvidence {
  names: string[];
  chain: Certificate[];
}

/**
 * Every finding, in step order. tls.ca-not-accepted is made here, once the handshake's outcome is
 * known: a CA-name mismatch explains a refused client certificate, so then it is an error, else a warning.
 */
export function probeFindings(steps: JudgedStep[], caNames?: CaNamesEvidence): Finding[] {
  const refused = steps.some(
    (s) => isMtlsStep(s.record.id) && s.findings.some((f) => f.id === "tls.client-cert-rejected"),
  );
  return steps.flatMap((s) => {
    if (s.record.id !== "ca-names" || !caNames) return s.findings;
    const finding = caNamesFinding(caNames.names, caNames.chain, refused);
    return finding ? [finding] : [];
  });
}

/**
 * The step lines as reported. The ca-names step carries the mark of tls.ca-not-accepted, known only once
 * the handshake has run: ✖ when it explains a refusal, ! when it is a warning (never ✔ with a finding).
 */
export function reportedSteps(steps: JudgedStep[], findings: Finding[]): StepRecord[] {
  const mismatch = findings.find((f) => f.id === "tls.ca-not-accepted");
  return steps.map(({ record }) => {
    if (record.id !== "ca-names" || !mismatch) return record;
    const failed = mismatch.severity === "error";
    return { ...record, ok: !failed, status: failed ? "failed" : "warning" };
  });
}

/** Probe passes when every step that ran passed and no finding is an error. */
export function probeOk(steps: JudgedStep[], findings: Finding[]): boolean {
  return steps.every((s) => s.record.ok) && !findings.some((f) => f.severity === "error");
}
