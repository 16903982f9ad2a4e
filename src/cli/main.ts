import { processIo } from "./io.js";
import { run } from "./program.js";

/** Entry for bin/: the only place that sets the process exit code. */
export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), processIo());
}
