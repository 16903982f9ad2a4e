// `npm test` after the build: the lint (biome, then tsc) and vitest at the same time. tsc spends seconds on
// one core while vitest's workers mostly wait on spawned processes and local servers, so running them
// together takes the lint off the wall time. The outcome is the same as `npm run lint && vitest run`:
// a failing lint stops vitest (so no test-results.json is written for CI to count) and fails the run.
// Arguments go to vitest: `npm test -- test/cli` (the load tests it leaves out run with `npm run test:load`).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { delimiter, join } from "node:path";

const root = join(import.meta.dirname, "..");
const env = { ...process.env, PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}` };

/**
 * Runs a command; resolves with its exit code and, when `quiet`, what it printed. `group`: in a process
 * group of its own, so stopping it also stops what it started (vitest's workers, their openssl servers).
 */
function run(command, args, { quiet = false, group = false } = {}) {
  const stdio = quiet ? ["ignore", "pipe", "pipe"] : "inherit";
  const child = spawn(command, args, { cwd: root, env, stdio, detached: group });
  let output = "";
  if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
  const done = new Promise((resolve) => {
    child.on("error", (err) => resolve({ code: 127, output: `${output}${err.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
  return { child, done };
}

// A result file left from an earlier run must not be counted for this one.
rmSync(join(root, "test-results.json"), { force: true });

const lint = run("npm", ["run", "--silent", "lint"], { quiet: true });
const tests = run("vitest", ["run", ...process.argv.slice(2)], { group: true });
const stopTests = (signal) => {
  try {
    process.kill(-tests.child.pid, signal);
  } catch {
    // already gone
  }
};
// Ctrl-C reaches this process group only: pass it on to the tests' group (and a kill, to the lint too).
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(signal, () => {
    interrupted = true;
    lint.child.kill(signal);
    stopTests(signal);
  });
let lintFailed = false;
lint.done.then(({ code }) => {
  if (code === 0 || interrupted) return;
  lintFailed = true;
  stopTests("SIGTERM");
});

const [linted, tested] = await Promise.all([lint.done, tests.done]);
if (interrupted) {
  process.stderr.write("\nnpm test was interrupted\n");
  process.exitCode = 130;
} else if (lintFailed) {
  process.stderr.write(`\nnpm run lint failed (exit ${linted.code}); the tests were stopped:\n\n${linted.output}`);
  process.exitCode = linted.code;
} else {
  process.stdout.write(`\n${tested.output}npm run lint: passed (biome check ., tsc -p .)\n`);
  process.exitCode = tested.code;
}
