import { displayText } from "../core/display-text.js";
import { STEP_MARKS } from "../report/probe-report.js";
import type { StepReporter } from "./commands/probe/steps.js";
import type { Io } from "./io.js";
import { terminalStream } from "./terminal-stream.js";

/** Spinners on stderr for a person at a terminal; nothing in --json, pipes or CI. */
export async function createReporter(io: Io, json: boolean, verbose: boolean): Promise<StepReporter> {
  const log = (line: string) => {
    if (verbose) io.stderr(`${displayText(line)}\n`);
  };
  // A terminal without a width (some CI ptys) makes ora redraw forever: no spinner there either.
  if (json || !io.stderrIsTTY || io.env.CI || !io.stderrColumns)
    return { start: () => {}, stop: () => {}, verbose: log };
  const { default: ora } = await import("ora");
  const stream = terminalStream(io);
  let spinner: ReturnType<typeof ora> | undefined;
  return {
    start(label) {
      // discardStdin would keep stdin (a TTY) open after the run, and the process would never exit.
      spinner = ora({ text: displayText(label), stream, discardStdin: false, isEnabled: interactive(io) }).start();
    },
    stop(status, text) {
      if (status === "passed") spinner?.succeed(displayText(text));
      else if (status === "failed") spinner?.fail(displayText(text));
      else spinner?.stopAndPersist({ symbol: STEP_MARKS[status], text: displayText(text) });
    },
    verbose: log,
  };
}

/** is-interactive's rule (what ora decides by itself), read from the injected env instead of process.env. */
function interactive(io: Io): boolean {
  return io.env.TERM !== "dumb" && io.env.CI === undefined;
}
