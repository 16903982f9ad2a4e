/** A writer that holds text back and writes it in large pieces; `flush` writes what it holds now. */
export interface BatchedWriter {
  write(text: string): void;
  flush(): void;
}

/**
 * Many small writes as few large ones: `check` writes each result as it is judged, and at 10,000 bundles a
 * system call per result was a tenth of the run. Text waits until `limit` characters have
 * gathered, or until the run waits on the outside world (a password prompt, stdin, the network with
 * --online): setImmediate runs only once the event loop is free, which a loop of synchronous reads never
 * lets it be, so a person still sees each result before the run stops to wait. Memory stays at `limit`.
 */
export function batchedWriter(
  write: (text: string) => void,
  limit = 64 * 1024,
  // null: only the limit and flush() write (a run of one input has nothing before it to show early, and
  // its first setImmediate cost a cold check ~0.3 ms of compiling node:timers).
  later: ((run: () => void) => unknown) | null = setImmediate,
): BatchedWriter {
  let held: string[] = [];
  let size = 0;
  let scheduled = false;
  // A write that failed in a setImmediate ran outside the run's error handling (run-guard.ts): its error is
  // kept and thrown by the next write or flush, which the run makes, so it ends as any failed write does.
  let failed: { error: unknown } | undefined;
  const flush = () => {
    if (failed) throw failed.error;
    if (held.length === 0) return;
    const text = held.join("");
    held = [];
    size = 0;
    write(text);
  };
  const flushLater = () => {
    scheduled = false;
    try {
      flush();
    } catch (error) {
      failed ??= { error };
    }
  };
  return {
    write(text) {
      if (failed) throw failed.error;
      held.push(text);
      size += text.length;
      if (size >= limit) flush();
      else if (!scheduled && later) {
        scheduled = true;
        later(flushLater);
      }
    },
    flush,
  };
}
