/**
 * How a step ended. "warning": it got through on incomplete evidence; "not-checked": it ran but could
 * check nothing; "not-run": an earlier step it needs did not pass.
 */
export type StepStatus = "passed" | "failed" | "warning" | "not-checked" | "not-run";

/** One timed probe step, as reported in `probe --json`'s `steps`. */
export interface StepRecord {
  id: string;
  ok: boolean;
  status: StepStatus;
  ms: number;
  detail: string;
}

/** A failed network step as the net layer observed it (see src/net/observation.ts). */
export interface FailureFacts {
  code: string;
  message: string;
  alert?: string;
}
