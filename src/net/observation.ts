/** What a network step saw. Verdicts are made from these in src/core/probe/verdict.ts (with src/core/probe/classify.ts). */
export interface NetFailure {
  /** Node's error code, e.g. ENOTFOUND, ECONNREFUSED, ERR_SSL_TLSV1_ALERT_UNKNOWN_CA, or TIMEOUT */
  code: string;
  message: string;
  /** TLS alert name as in RFC 8446 §6, e.g. unknown_ca, when the peer sent one */
  alert?: string;
}

export function failureOf(err: unknown): NetFailure {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e.code ?? "UNKNOWN";
  const m = /ALERT_([A-Z0-9_]+)$/.exec(code);
  return { code, message: e.reason ?? e.message, alert: m ? m[1].toLowerCase() : undefined };
}

/** Runs work with a deadline; on timeout calls abort so sockets are not left open. */
export function withTimeout<T>(ms: number, work: Promise<T>, abort: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort();
      reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: "TIMEOUT" }));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
