import type { JudgedStep } from "../../../core/probe/outcome.js";
import type { PlannedStep, ProbeStepId } from "../../../core/probe/plan.js";
import type { StepRecord } from "../../../core/probe/step.js";
import { statusOf } from "../../../core/probe/verdict.js";
import { startDeadline } from "../../../net/deadline.js";
import { EXECUTORS, type ProbeSession } from "./steps.js";

async function runStep(step: PlannedStep, session: ProbeSession): Promise<JudgedStep> {
  session.reporter.start(step.label);
  const started = performance.now();
  session.deadline = startDeadline(session.inputs.config.timeoutMs);
  const verdict = await EXECUTORS[step.id](session);
  const ms = Math.round(performance.now() - started);
  const status = statusOf(verdict);
  session.reporter.stop(status, `${step.doneLabel ?? step.label}: ${verdict.detail}`);
  return { record: { id: step.id, ok: verdict.ok, status, ms, detail: verdict.detail }, findings: verdict.findings };
}

/** A step skipped because the one it needs did not pass: shown as such, never as passed. */
export function notRunRecord(step: PlannedStep, why?: string): StepRecord {
  const detail = `not run: ${why ?? `the ${step.after} step did not pass`}`;
  return { id: step.id, ok: false, status: "not-run", ms: 0, detail };
}

/**
 * Runs the planned steps in order, skipping those whose prerequisite did not pass; appends what ran to
 * `judged` and returns the skipped ones. `connectAnyway` runs the network steps after a failed check.
 */
export async function runPlan(
  plan: PlannedStep[],
  session: ProbeSession,
  judged: JudgedStep[],
  connectAnyway = false,
): Promise<StepRecord[]> {
  const passed = new Set<ProbeStepId>(judged.filter((s) => s.record.ok).map((s) => s.record.id));
  if (connectAnyway) passed.add("check");
  const skipped: StepRecord[] = [];
  for (const step of plan) {
    if (!passed.has(step.after)) {
      skipped.push(notRunRecord(step));
      continue;
    }
    const done = await runStep(step, session);
    judged.push(done);
    if (done.record.ok) passed.add(step.id);
  }
  return skipped;
}
