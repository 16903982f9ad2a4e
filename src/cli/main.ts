import { statSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { displayText } from "../core/display-text.js";
import { EXIT } from "./errors.js";
import { type Io, processIo } from "./io.js";
import { readCheckLine, runLeanCheck } from "./lean-check.js";
import { failBeforeRun } from "./run-guard.js";

/**
 * Entry for bin/: the only place that sets the process exit code. It never rejects. Resolves true when
 * nothing of the run is left, so bin/ may end the process at once.
 */
export async function main(): Promise<boolean> {
  let io: ReturnType<typeof processIo>;
  try {
    io = processIo();
  } catch (err) {
    // process.cwd() fails when the current folder was deleted under the shell.
    const why = err instanceof Error ? err.message : String(err);
    writeSync(2, `connectpay-cert: cannot start here: ${displayText(why)}. Change to an existing folder.\n`);
    process.exitCode = 2;
    return false;
  }
  const argv = process.argv.slice(2);
  const lean = runLeanCheck(argv, io);
  process.exitCode = await (lean ?? runFull(argv, io));
  // A check has written its whole report to the descriptors by now (io.ts writes synchronously; Windows
  // writes through streams) and left nothing running. Other commands may have (servers, prompts).
  return lean !== undefined && process.platform !== "win32";
}

/**
 * Whether bin/ may keep what this run compiled as the code cache of later starts. Not after a check of more
 * than one input: V8 compiles the functions such a run calls often a step further (Sparkplug), and a cache
 * made then served later starts worse, as if those functions had to be compiled again (a cold check of one
 * file: 152M instructions instead of 138M, callgrind, once a check of 30 files had written the cache; under
 * --no-sparkplug, no difference). The next check of one file writes it. Called only when a cache is missing.
 */
export function cacheable(argv: readonly string[]): boolean {
  if (argv[0] !== "check") return true;
  const inputs = readCheckLine(argv)?.inputs;
  if (inputs?.length !== 1) return false;
  try {
    return (
      inputs[0] === "-" || statSync(resolve(process.cwd(), inputs[0]), { throwIfNoEntry: false })?.isFile() === true
    );
  } catch {
    return false;
  }
}

/**
 * One command line: a common `check` takes the lean path (lean-check.ts), which loads neither commander
 * nor any other command; everything else gets the full CLI, loaded only then.
 */
export function runLine(argv: string[], io: Io): Promise<number> {
  return runLeanCheck(argv, io) ?? runFull(argv, io);
}

// Importing program.js loads dist/full.cjs in the built CLI (scripts/build-split.mjs): that can fail in a
// broken install (the file missing, unreadable or from another build), before any command runs. run()
// settles its own errors.
const runFull = (argv: string[], io: Io) =>
  import("./program.js").then(
    ({ run }) => run(argv, io),
    (err: unknown) => {
      const why = err instanceof Error ? err.message : String(err);
      return failBeforeRun(argv, io, EXIT.internal, `cannot load the full CLI (${why}): reinstall connectpay-cert`);
    },
  );
