import { writeSync } from "node:fs";
import { displayText } from "../core/display-text.js";
import { type Io, processIo } from "./io.js";
import { runLeanCheck } from "./lean-check.js";

/** Entry for bin/: the only place that sets the process exit code. It never rejects. */
export async function main(): Promise<void> {
  let io: ReturnType<typeof processIo>;
  try {
    io = processIo();
  } catch (err) {
    // process.cwd() fails when the current folder was deleted under the shell.
    const why = err instanceof Error ? err.message : String(err);
    writeSync(2, `connectpay-cert: cannot start here: ${displayText(why)}. Change to an existing folder.\n`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = await runLine(process.argv.slice(2), io);
}

/**
 * One command line: a common `check` takes the lean path (lean-check.ts), which loads neither commander
 * nor any other command; everything else gets the full CLI, loaded only then.
 */
export function runLine(argv: string[], io: Io): Promise<number> {
  return runLeanCheck(argv, io) ?? import("./program.js").then(({ run }) => run(argv, io));
}
