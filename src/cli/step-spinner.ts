import type { Io } from "./io.js";
import type { StepReporter } from "./probe-steps.js";

/** Spinners on stderr for a person at a terminal; nothing in --json, pipes or CI. */
export async function createReporter(io: Io, json: boolean, verbose: boolean): Promise<StepReporter> {
  const log = (line: string) => {
    if (verbose) io.stderr(`${line}\n`);
  };
  // A terminal without a width (some CI ptys) makes ora redraw forever: no spinner there either.
  if (json || !io.stderrIsTTY || io.env.CI || !process.stderr.columns)
    return { start: () => {}, stop: () => {}, verbose: log };
  const { default: ora } = await import("ora");
  let spinner: ReturnType<typeof ora> | undefined;
  return {
    start(label) {
      // discardStdin would keep stdin (a TTY) open after the run, and the process would never exit.
      spinner = ora({ text: label, stream: process.stderr, discardStdin: false }).start();
    },
    stop(ok, text) {
      if (ok) spinner?.succeed(text);
      else spinner?.fail(text);
    },
    verbose: log,
  };
}
