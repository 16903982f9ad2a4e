// Instructions a command's main thread executes, counted by valgrind's callgrind: on a shared machine the one
// figure of start-up work that neither load nor another tenant moves (±0.5% run to run, against ±10% for
// time). Two corrections make it so: only the main thread counts (V8's helper threads spin for as long as
// the machine makes them wait), and V8's start-up test of a random hash seed for primality (detail::sprp,
// 0 to 19M instructions by the luck of the seed, in node -e 0 as in any process) is left out.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether valgrind (with callgrind_annotate) is on this machine. */
export function haveCallgrind() {
  // callgrind_annotate prints its version on stderr and exits 255: the text is the answer.
  return ["valgrind", "callgrind_annotate"].every((tool) => {
    const res = spawnSync(tool, ["--version"], { encoding: "utf8" });
    return /\d+\.\d+/.test(`${res.stdout ?? ""}${res.stderr ?? ""}`);
  });
}

/** Main-thread instructions of one run of `cmd args` (sprp left out). */
export function instructionsOf([cmd, args], env) {
  const dir = mkdtempSync(join(tmpdir(), "cpc-bench-callgrind-"));
  try {
    const out = join(dir, "cg.out");
    const tool = ["--tool=callgrind", "--separate-threads=yes", `--callgrind-out-file=${out}`];
    const res = spawnSync("valgrind", [...tool, cmd, ...args], { env, stdio: "ignore" });
    // A run that failed fast must not pass as a fast one.
    if (res.status !== 0) throw new Error(`valgrind ${cmd} ${args.join(" ")}: exit ${res.status ?? res.signal}`);
    // Thread 1 is the main thread: the file callgrind names …-01.
    const main = join(dir, readdirSync(dir).find((f) => f.endsWith("-01")) ?? "missing");
    const total = Number(/^totals: (\d+)/m.exec(readFileSync(main, "utf8"))?.[1]);
    const annotated = spawnSync("callgrind_annotate", [main], { encoding: "utf8" }).stdout;
    const sprp = /^\s*([\d,]+) .*detail::sprp/m.exec(annotated)?.[1]?.replaceAll(",", "") ?? "0";
    return total - Number(sprp);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
