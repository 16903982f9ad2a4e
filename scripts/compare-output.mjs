// Compares two builds of the CLI on every fixture: `node scripts/compare-output.mjs OLD_BIN [NEW_BIN]`.
// Speed work must not change a byte of output: check (human, JSON, SARIF), inspect and fix are
// run on each file under fixtures/ with both bins, and every difference in exit code, stdout or stderr is
// listed. Exit 1 when anything differs.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;
const [oldBin, newBin = join(ROOT, "bin/connectpay-cert.js")] = process.argv.slice(2);
if (!oldBin) {
  console.error("usage: node scripts/compare-output.mjs OLD_BIN [NEW_BIN]");
  process.exit(2);
}
const AT = ["--at", "2030-01-01"];
const MODES = [
  ["check", ...AT],
  ["check", "--json", ...AT],
  ["check", "--format", "sarif", ...AT],
  ["inspect"],
  ["fix", ...AT],
];
const env = { ...process.env, NO_COLOR: "1", CONNECTPAY_CERT_CACHE: "off" };

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(pem|crt|cer|der|p7b|p7c|p12|pfx|jks|yaml|yml|json)$/i.test(name) ? [path] : [];
  });
}

const run = (bin, args) => spawnSync("node", [bin, ...args], { cwd: ROOT, env, encoding: "utf8", input: "" });
let runs = 0;
const differences = [];
for (const file of files(join(ROOT, "fixtures"))) {
  for (const mode of MODES) {
    const args = [mode[0], relative(ROOT, file), ...mode.slice(1)];
    const [a, b] = [run(oldBin, args), run(newBin, args)];
    runs++;
    for (const key of ["status", "stdout", "stderr"])
      if (a[key] !== b[key]) differences.push(`${args.join(" ")}: ${key} differs`);
  }
}
console.log(`${runs} runs compared, ${differences.length} differences`);
for (const d of differences) console.log(`  ${d}`);
process.exitCode = differences.length ? 1 : 0;
