import type { JudgedStep } from "../core/probe/outcome.js";
import type { PlannedStep, ProbeStepId } from "../core/probe/plan.js";
import { startDeadline } from "../net/deadline.js";
import { EXECUTORS, type ProbeSession } from "./probe-steps.js";

async function runStep(step: PlannedStep, session: ProbeSession): Promise<JudgedStep> {
  session.reporter.start(step.label);
  const started = performance.now();
  session.deadline = startDeadline(session.inputs.config.timeoutMs);
  const verdict = await EXECUTORS[step.id](session);
  const ms = Math.round(performance.now() - started);
  session.reporter.stop(verdict.ok, `${step.doneLabel ?? step.label}: ${verdict.detail}`);
  return { record: { id: step.id, ok: verdict.ok, ms, detail: verdict.detail }, findings: verdict.findings };
}

/** Runs the planned steps in order, skipping those whose prerequisite did not pass; appends to `judged`. */
export async function runPlan(plan: PlannedStep[], session: ProbeSession, judged: JudgedStep[]): Promise<void> {
  const passed = new Set<ProbeStepId>(judged.filter((s) => s.record.ok).map((s) => s.record.id));
  for (const step of plan) {
    if (!passed.has(step.after)) continue;
    const done = await runStep(step, session);
    judged.push(done);
    if (done.record.ok) passed.add(step.id);
  }
}
