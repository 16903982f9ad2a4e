// `npm run test:differential`: the differential test against `openssl verify` with more chains than the
// fixed seed of `npm test`. DIFFERENTIAL_SEED (default: a random one, printed first) and DIFFERENTIAL_COUNT
// (default 500) choose the chains; a failure prints the command that runs the same chains again.
import { spawn } from "node:child_process";
import { delimiter, join } from "node:path";

const root = join(import.meta.dirname, "..");
const seed = process.env.DIFFERENTIAL_SEED || String(Math.floor(Math.random() * 2 ** 31));
const count = process.env.DIFFERENTIAL_COUNT || "500";
const rerun = `DIFFERENTIAL_SEED=${seed} DIFFERENTIAL_COUNT=${count} npm run test:differential`;
process.stdout.write(`differential test against openssl verify: ${rerun}\n`);

const env = {
  ...process.env,
  DIFFERENTIAL_SEED: seed,
  DIFFERENTIAL_COUNT: count,
  PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}`,
};
// The default reporter only: the JSON report (test-results.json) is npm test's, which CI counts.
const child = spawn("vitest", ["run", "test/differential", "--reporter=default"], { cwd: root, env, stdio: "inherit" });
child.on("error", (err) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 127;
});
child.on("close", (code, signal) => {
  process.exitCode = code ?? (signal ? 128 : 1);
  if (process.exitCode !== 0)
    process.stderr.write(`differential test failed; run the same chains again with:\n  ${rerun}\n`);
});
