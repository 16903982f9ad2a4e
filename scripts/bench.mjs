// npm run bench: every start-up and throughput goal, measured so that it can be trusted on a shared machine.
// Start-up is compared with `node -e 0` and a folder of 10,000 distinct bundles with pyca/cryptography
// verifying the same files in one Python process, by paired alternating runs (medians, quartiles). Every
// answer is counted, so a fast wrong one cannot pass. Not part of npm test (no timing assertions there).
// BENCH_RUNS (start-up pairs, default 21), BENCH_DIR_RUNS (folder pairs, default 3), BENCH_OPENSSL_FILES
// (files in the openssl loop, default 1000), BENCH_NPM_TEST=0 skips the npm test row, BENCH_ROWS=startup,folder,npmtest
// picks rows.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLES, benchData } from "./bench-data.mjs";
import { cpuMs, ENV, measured, paired, stats, wallMs } from "./bench-timing.mjs";

const ROOT = new URL("../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/connectpay-cert.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const DIR_RUNS = Number(process.env.BENCH_DIR_RUNS ?? 3);
const OPENSSL_FILES = Number(process.env.BENCH_OPENSSL_FILES ?? 1000);
const AT = "2030-01-01";
const TMP = mkdtempSync(join(tmpdir(), "cpc-bench-"));
const rows = [];

const ms = (s) => `${s.median.toFixed(1)} ms [${s.p25.toFixed(1)}–${s.p75.toFixed(1)}]`;
const sec = (s) => `${s.median.toFixed(2)} s [${s.p25.toFixed(2)}–${s.p75.toFixed(2)}]`;
function row(name, value, goal, ok) {
  rows.push({ name, value, goal, ok });
  console.log(`${ok ? "met   " : "MISSED"}  ${name.padEnd(44)} ${value}  (goal ${goal})`);
}
const note = (text) => console.log(`        ${text}`);

/** The answer itself, checked once before timing: a fast wrong answer must not pass. */
function expectOutput(args, code, pattern) {
  const res = spawnSync("node", [BIN, ...args], { env: ENV, encoding: "utf8" });
  if (res.status !== code || !pattern.test(res.stdout))
    throw new Error(`${args.join(" ")}: exit ${res.status}, stdout ${JSON.stringify(res.stdout.slice(-200))}`);
}

function startUp(name, args, goal, code, pattern) {
  expectOutput(args, code, pattern);
  const node0 = ["node", ["-e", "0"]];
  const cli = ["node", [BIN, ...args]];
  const wall = paired((c) => wallMs(c, [code]), node0, cli, RUNS);
  const cpu = paired(cpuMs, node0, cli, RUNS);
  row(name, `${wall.ratio.toFixed(2)}× wall: ${ms(wall.b)} vs ${ms(wall.a)}`, `≤ ${goal}×`, wall.ratio <= goal);
  note(`CPU (user+sys): ${cpu.ratio.toFixed(2)}×: ${ms(cpu.b)} vs ${ms(cpu.a)}`);
  if (args[0] === "--version") return;
  // Where the code cache cannot be kept (a read-only home), every run compiles the bundle.
  const uncached = paired((c) => wallMs(c, [code], { CONNECTPAY_CERT_CACHE: "off" }), node0, cli, RUNS);
  note(`without the code cache (CONNECTPAY_CERT_CACHE=off): ${uncached.ratio.toFixed(2)}× wall: ${ms(uncached.b)}`);
}

/** Bundles check accepted, from its JSON report; every one of the 10,000 must be there and accepted. */
function countAccepted(file) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  return doc.results.filter((r) => r.ok).length;
}

function pythonAnchor(data) {
  const probe = spawnSync("python3", ["-c", "import cryptography"], { env: ENV });
  if (probe.status !== 0) {
    note("python3 with the cryptography package is absent here: no in-process Python anchor.");
    return undefined;
  }
  return ["python3", [join(ROOT, "scripts/bench-verify.py"), data.bundles, data.root, AT]];
}

function folder(data) {
  const checkArgs = [BIN, "check", data.bundles, "--json", "--trust", data.root, "--at", AT];
  const python = pythonAnchor(data);
  const ours = [];
  const theirs = [];
  for (let i = 0; i < DIR_RUNS + 1; i++) {
    const out = join(TMP, "check.json");
    const r = measured("node", checkArgs, out);
    const accepted = countAccepted(out);
    if (accepted !== BUNDLES) throw new Error(`check accepted ${accepted} of ${BUNDLES} bundles`);
    if (i > 0) ours.push(r);
    if (!python) continue;
    const p = measured(python[0], python[1], join(TMP, "python.txt"));
    const verified = Number(readFileSync(join(TMP, "python.txt"), "utf8"));
    if (verified !== BUNDLES) throw new Error(`pyca verified ${verified} of ${BUNDLES} bundles`);
    if (i > 0) theirs.push(p);
  }
  return { ours, theirs };
}

function folderRows(data) {
  const { ours, theirs } = folder(data);
  const wall = stats(ours.map((r) => r.wall));
  const cpu = stats(ours.map((r) => r.cpu));
  const rss = Math.max(...ours.map((r) => r.rssMiB));
  const name = `check --json DIR, ${BUNDLES.toLocaleString("en")} distinct bundles`;
  if (theirs.length) {
    const pw = stats(theirs.map((r) => r.wall));
    const pc = stats(theirs.map((r) => r.cpu));
    const prss = Math.max(...theirs.map((r) => r.rssMiB));
    row(
      name,
      `${sec(wall)} vs pyca ${sec(pw)} (${(pw.median / wall.median).toFixed(2)}×)`,
      "< pyca",
      wall.median < pw.median,
    );
    note(`CPU: ${sec(cpu)} vs pyca ${sec(pc)}; pyca peak RSS ${prss.toFixed(0)} MiB; all ${BUNDLES} accepted by both`);
  } else row(name, `${sec(wall)}, CPU ${sec(cpu)}`, "< pyca (absent here)", false);
  row("   peak RSS", `${rss.toFixed(0)} MiB`, "≤ 150 MiB", rss <= 150);
  opensslRow(data, wall.median);
}

/** A per-file `openssl verify` loop over the first N files, scaled to all of them (each run is independent). */
function opensslRow(data, checkSeconds) {
  const at = String(Date.parse(AT) / 1000);
  const loop = `n=0; for f in $(ls "$1" | head -n ${OPENSSL_FILES}); do openssl verify -purpose sslclient -attime ${at} -CAfile "$2" -untrusted "$1/$f" "$1/$f" >/dev/null && n=$((n+1)); done; echo $n`;
  const start = process.hrtime.bigint();
  const res = spawnSync("bash", ["-c", loop, "bench", data.bundles, data.root], { env: ENV, encoding: "utf8" });
  const seconds = (Number(process.hrtime.bigint() - start) / 1e9) * (BUNDLES / OPENSSL_FILES);
  if (Number(res.stdout) !== OPENSSL_FILES)
    throw new Error(`openssl verified ${res.stdout.trim()} of ${OPENSSL_FILES}`);
  const ratio = seconds / checkSeconds;
  row(
    "   vs an openssl verify loop",
    `${ratio.toFixed(1)}× faster (loop ≈ ${seconds.toFixed(1)} s)`,
    "≥ 10×",
    ratio >= 10,
  );
  if (OPENSSL_FILES < BUNDLES) note(`the loop ran over ${OPENSSL_FILES} files and was scaled to ${BUNDLES}`);
}

function npmTestRow() {
  if (process.env.BENCH_NPM_TEST === "0") return note("npm test row skipped (BENCH_NPM_TEST=0)");
  const r = measured("npm", ["test", "--silent"], join(TMP, "npm-test.txt"));
  row("npm test", `${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU`, "≤ 20 s", r.wall <= 20);
}

const data = await benchData(ROOT);
console.log(`connectpay-cert bench: ${RUNS} paired runs per start-up row, ${DIR_RUNS} per folder row, 3 and 1`);
console.log(
  `warm-up pairs discarded; medians [quartiles]. load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}\n`,
);
const only = (part) => !process.env.BENCH_ROWS || process.env.BENCH_ROWS.split(",").includes(part);
if (only("startup")) {
  startUp(
    "check, cold, vs node -e 0",
    ["check", join(ROOT, "fixtures/good/chain.pem"), "--at", AT],
    1.5,
    0,
    /accepted/,
  );
  startUp("--version vs node -e 0", ["--version"], 1.1, 0, /^\d+\.\d+\.\d+\n$/);
}
if (only("folder")) folderRows(data);
if (only("npmtest")) npmTestRow();
rmSync(TMP, { recursive: true, force: true });
rmSync(ENV.CONNECTPAY_CERT_CACHE, { recursive: true, force: true });
console.log(
  `\n${rows.filter((r) => r.ok).length} of ${rows.length} rows met. load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
