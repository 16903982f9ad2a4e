/**
 * One time limit for a whole piece of work (a fetch with its redirects, OCSP POST then GET, a probe
 * step): every hop gets what is left, never a fresh allowance (3 redirects of 9 s each once took 36 s).
 */
export interface Deadline {
  /** the whole allowance, for messages ("no answer within 10000 ms") */
  readonly ms: number;
  /** aborts when the time is up */
  readonly signal: AbortSignal;
  /** milliseconds left, at least 0 */
  remaining(): number;
}

export function startDeadline(ms: number): Deadline {
  const ends = performance.now() + ms;
  return { ms, signal: AbortSignal.timeout(ms), remaining: () => Math.max(0, Math.ceil(ends - performance.now())) };
}

/** The error a step reports when its deadline passed; code TIMEOUT is what the findings look for. */
export function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no answer within ${ms} ms`), { code: "TIMEOUT" });
}
