// npm run bench: every start-up and throughput goal, measured so that it can be trusted on a shared machine.
// Start-up is compared with `node -e 0` and folders of 1,000, 10,000 (and, on request, 50,000) distinct
// bundles with pyca/cryptography verifying the same files in one Python process, by paired alternating runs
// (medians, quartiles). Page faults (the child's own process.resourceUsage()) stand beside the times: unlike
// time, a loaded machine does not change them. Every answer is counted, so a fast wrong one cannot pass. Not
// part of npm test (no timing assertions there).
// BENCH_RUNS (start-up pairs, default 21), BENCH_DIR_RUNS (folder pairs, default 5), BENCH_OPENSSL_FILES
// (files in the openssl loop, default 1000), BENCH_NPM_TEST=0 skips the npm test row, BENCH_INSTRUCTIONS=0
// skips counting instructions under valgrind (~1 minute; bench-instructions.mjs), BENCH_50K=1 adds the
// 50,000-bundle row (building its data takes ~5 minutes once, each pair ~25 s). BENCH_ROWS (or BENCH_ONLY)
// picks rows by group or name: startup (check, first-run, version), folder (folder-1k, folder-10k,
// folder-50k), npmtest; naming folder-50k runs it without BENCH_50K.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { benchData, PER_ISSUER } from "./bench-data.mjs";
import { haveCallgrind, instructionsOf } from "./bench-instructions.mjs";
import {
  cpuMs,
  ENV,
  FAULTS_PRELOAD,
  faultsOf,
  measured,
  pageFaultMicros,
  paired,
  stats,
  wallMs,
} from "./bench-timing.mjs";

const ROOT = new URL("../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/connectpay-cert.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const DIR_RUNS = Number(process.env.BENCH_DIR_RUNS ?? 5);
const FAULT_RUNS = 5;
const INSTRUCTION_RUNS = 3;
const OPENSSL_FILES = Number(process.env.BENCH_OPENSSL_FILES ?? 1000);
const AT = "2030-01-01";
const TMP = mkdtempSync(join(tmpdir(), "cpc-bench-"));
const rows = [];
const PICK = (process.env.BENCH_ONLY ?? process.env.BENCH_ROWS ?? "").split(",").filter(Boolean);
const only = (group, name) => !PICK.length || PICK.includes(group) || PICK.includes(name);
// Each folder size with its goal against pyca (wall-time speed-up; undefined: reported, no goal).
const SIZES = [
  { size: 1000, name: "folder-1k", pyca: undefined },
  { size: 10_000, name: "folder-10k", pyca: 1 },
  { size: 50_000, name: "folder-50k", pyca: 1.2, optIn: true },
].filter((s) => only("folder", s.name) && (!s.optIn || process.env.BENCH_50K === "1" || PICK.includes(s.name)));

const ms = (s) => `${s.median.toFixed(1)} ms [${s.p25.toFixed(1)}–${s.p75.toFixed(1)}]`;
const sec = (s) => `${s.median.toFixed(2)} s [${s.p25.toFixed(2)}–${s.p75.toFixed(2)}]`;
const int = (n) => Math.round(n).toLocaleString("en");
/** A row; `ok` undefined makes it a measurement without a goal. */
function row(name, value, goal, ok) {
  rows.push({ name, value, goal, ok });
  const mark = ok === undefined ? "info  " : ok ? "met   " : "MISSED";
  console.log(`${mark}  ${name.padEnd(44)} ${value}${goal ? `  (goal ${goal})` : ""}`);
}
const note = (text) => console.log(`        ${text}`);

/** Median minor and major page faults of a sample of { minor, major }. */
function faultStats(list) {
  return { minor: stats(list.map((f) => f.minor)).median, major: stats(list.map((f) => f.major)).median };
}
const faultText = (f) => `${int(f.minor)} minor / ${int(f.major)} major`;

/** The answer itself, checked once before timing: a fast wrong answer must not pass. */
function expectOutput(args, code, pattern, env = {}) {
  const res = spawnSync("node", [BIN, ...args], { env: { ...ENV, ...env }, encoding: "utf8" });
  if (res.status !== code || !pattern.test(res.stdout))
    throw new Error(`${args.join(" ")}: exit ${res.status}, stdout ${JSON.stringify(res.stdout.slice(-200))}`);
}

const NODE0 = ["node", ["-e", "0"]];
// What no code of ours can take out of a check: Node loading its verifier, node:crypto, which loads Node's
// stream modules with it. The check row's ratio less this one's is what our own start-up adds.
const CRYPTO_FLOOR = ["node", ["-e", "require('node:crypto')"]];

/** Page faults of `cli` and of `node -e 0`, FAULT_RUNS runs each (medians), `env()` fresh per run. */
function faultNote(cli, code, env = () => ({})) {
  // A warm-up with the preload, so the cache of that command line (the preload is part of its key) exists.
  faultsOf(cli, [code], env());
  const ours = [];
  const bare = [];
  for (let i = 0; i < FAULT_RUNS; i++) {
    bare.push(faultsOf(NODE0));
    ours.push(faultsOf(cli, [code], env()));
  }
  const a = faultStats(bare);
  const b = faultStats(ours);
  note(
    `page faults: ${faultText(b)} vs node -e 0 ${faultText(a)} (${b.minor >= a.minor ? "+" : "−"}${int(Math.abs(b.minor - a.minor))} minor)`,
  );
  return b.minor - a.minor;
}

/** Main-thread instructions of `cli` and of `node -e 0` (callgrind), medians of INSTRUCTION_RUNS each. */
function instructionNote(cli, env, floor) {
  if (!haveCallgrind()) return note("instructions: valgrind is absent here (apt install valgrind counts them)");
  const runs = (c, e) =>
    stats(Array.from({ length: INSTRUCTION_RUNS }, () => instructionsOf(c, { ...ENV, ...e }))).median;
  const a = runs(NODE0, {});
  const b = runs(cli, env);
  const m = (n) => `${(n / 1e6).toFixed(1)}M`;
  note(`instructions (main thread, callgrind): ${(b / a).toFixed(2)}×: ${m(b)} vs node -e 0 ${m(a)} (+${m(b - a)})`);
  if (!floor) return;
  const f = runs(floor, {});
  note(`instructions of node:crypto's load alone: ${(f / a).toFixed(2)}×, +${m(f - a)} of the +${m(b - a)}`);
}

/** A start-up row: `env()` gives each run of the CLI its environment (a fresh cache folder, say). */
function startUp({ name, args, goal, code, pattern, env = () => ({}) }) {
  expectOutput(args, code, pattern, env());
  const cli = ["node", [BIN, ...args]];
  const wall = paired((c) => wallMs(c, [code], c === cli ? env() : {}), NODE0, cli, RUNS);
  const cpu = paired((c) => cpuMs(c, c === cli ? env() : {}), NODE0, cli, RUNS);
  const value = `${wall.ratio.toFixed(2)}× wall: ${ms(wall.b)} vs ${ms(wall.a)}`;
  row(name, value, goal && `≤ ${goal}×`, goal ? wall.ratio <= goal : undefined);
  note(`CPU (user+sys): ${cpu.ratio.toFixed(2)}×: ${ms(cpu.b)} vs ${ms(cpu.a)}`);
  const extra = faultNote(cli, code, env);
  // What the extra faults cost at this machine's price of a page, against what the row adds to node -e 0.
  const us = extra > 0 ? pageFaultMicros() : undefined;
  if (us !== undefined) {
    const added = wall.b.median - wall.a.median;
    note(
      `a fresh page costs ${us.toFixed(1)} µs here: the extra faults ≈ ${((extra * us) / 1000).toFixed(1)} ms of +${added.toFixed(1)} ms`,
    );
  }
  return wall;
}

function startUpRows() {
  const check = ["check", join(ROOT, "fixtures/good/chain.pem"), "--at", AT];
  if (only("startup", "check")) {
    startUp({ name: "check, cold, vs node -e 0", args: check, goal: 1.4, code: 0, pattern: /accepted/ });
    // The row's runs warmed the cache these read (valgrind runs the same node, so the same cache file).
    if (process.env.BENCH_INSTRUCTIONS !== "0") instructionNote(["node", [BIN, ...check]], {}, CRYPTO_FLOOR);
    const floor = paired((c) => wallMs(c, [0]), NODE0, CRYPTO_FLOOR, RUNS);
    note(`floor, node -e "require('node:crypto')": ${floor.ratio.toFixed(2)}× wall: ${ms(floor.b)} vs ${ms(floor.a)}`);
    // Where the code cache cannot be kept (a read-only home), every run compiles the bundle.
    const off = paired((c) => wallMs(c, [0], { CONNECTPAY_CERT_CACHE: "off" }), NODE0, ["node", [BIN, ...check]], RUNS);
    note(`without the code cache (CONNECTPAY_CERT_CACHE=off): ${off.ratio.toFixed(2)}× wall: ${ms(off.b)}`);
    faultNote(["node", [BIN, ...check]], 0, () => ({ CONNECTPAY_CERT_CACHE: "off" }));
  }
  if (only("startup", "first-run")) {
    // The first run after installing: no cache yet, so it compiles the bundle and writes the cache.
    const fresh = () => ({ CONNECTPAY_CERT_CACHE: mkdtempSync(join(TMP, "first-")) });
    startUp({ name: "check, first run (no code cache yet)", args: check, code: 0, pattern: /accepted/, env: fresh });
  }
  if (only("startup", "version"))
    startUp({ name: "--version vs node -e 0", args: ["--version"], goal: 1.1, code: 0, pattern: /^\d+\.\d+\.\d+\n$/ });
}

/** Bundles check accepted, from its JSON report; every one must be there and accepted. */
function countAccepted(file) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  return doc.results.filter((r) => r.ok).length;
}

function pythonAnchor(folder, root) {
  const probe = spawnSync("python3", ["-c", "import cryptography"], { env: ENV });
  if (probe.status !== 0) {
    note("python3 with the cryptography package is absent here: no in-process Python anchor.");
    return undefined;
  }
  return ["python3", [join(ROOT, "scripts/bench-verify.py"), folder, root, AT]];
}

/** DIR_RUNS alternating pairs of check and pyca over one folder, after one discarded warm-up pair. */
function folderRuns(folder, size, root) {
  const checkArgs = ["-r", FAULTS_PRELOAD, BIN, "check", folder, "--json", "--trust", root, "--at", AT];
  const python = pythonAnchor(folder, root);
  const ours = [];
  const theirs = [];
  for (let i = 0; i < DIR_RUNS + 1; i++) {
    const out = join(TMP, "check.json");
    const r = measured("node", checkArgs, out);
    const accepted = countAccepted(out);
    if (accepted !== size) throw new Error(`check accepted ${accepted} of ${size} bundles`);
    if (i > 0) ours.push(r);
    if (!python) continue;
    const p = measured(python[0], python[1], join(TMP, "python.txt"));
    const verified = Number(readFileSync(join(TMP, "python.txt"), "utf8"));
    if (verified !== size) throw new Error(`pyca verified ${verified} of ${size} bundles`);
    if (i > 0) theirs.push(p);
  }
  return { ours, theirs };
}

function folderRow({ size, pyca }, data) {
  const { ours, theirs } = folderRuns(data.folders[size], size, data.root);
  const wall = stats(ours.map((r) => r.wall));
  const cpu = stats(ours.map((r) => r.cpu));
  const rss = Math.max(...ours.map((r) => r.rssMiB));
  const faults = faultStats(ours.map((r) => r.faults));
  const cas = Math.ceil(size / PER_ISSUER);
  const name = `check --json DIR, ${int(size)} bundles, ${cas} CAs`;
  if (theirs.length) {
    const pw = stats(theirs.map((r) => r.wall));
    const pc = stats(theirs.map((r) => r.cpu));
    const prss = Math.max(...theirs.map((r) => r.rssMiB));
    const speedUp = pw.median / wall.median;
    const value = `${sec(wall)} vs pyca ${sec(pw)} (${speedUp.toFixed(2)}× pyca's speed)`;
    row(name, value, pyca && `≥ ${pyca}× pyca`, pyca ? speedUp >= pyca : undefined);
    note(`CPU: ${sec(cpu)} vs pyca ${sec(pc)} (${(pc.median / cpu.median).toFixed(2)}×); all ${size} accepted by both`);
    note(`page faults: ${faultText(faults)} vs pyca ${faultText(faultStats(theirs.map((r) => r.faults)))}`);
    note(`pyca peak RSS ${prss.toFixed(0)} MiB`);
  } else {
    row(name, `${sec(wall)}, CPU ${sec(cpu)}`, pyca && "pyca absent here", pyca ? false : undefined);
    note(`page faults: ${faultText(faults)}`);
  }
  row("   peak RSS", `${rss.toFixed(0)} MiB`, "≤ 150 MiB", rss <= 150);
  if (size === 10_000) opensslRow(data.folders[size], size, data.root, wall.median);
}

/** A per-file `openssl verify` loop over the first N files, scaled to all of them (each run is independent). */
function opensslRow(folder, size, root, checkSeconds) {
  const at = String(Date.parse(AT) / 1000);
  const loop = `n=0; for f in $(ls "$1" | head -n ${OPENSSL_FILES}); do openssl verify -purpose sslclient -attime ${at} -CAfile "$2" -untrusted "$1/$f" "$1/$f" >/dev/null && n=$((n+1)); done; echo $n`;
  const start = process.hrtime.bigint();
  const res = spawnSync("bash", ["-c", loop, "bench", folder, root], { env: ENV, encoding: "utf8" });
  const seconds = (Number(process.hrtime.bigint() - start) / 1e9) * (size / OPENSSL_FILES);
  if (Number(res.stdout) !== OPENSSL_FILES)
    throw new Error(`openssl verified ${res.stdout.trim()} of ${OPENSSL_FILES}`);
  const ratio = seconds / checkSeconds;
  const value = `${ratio.toFixed(1)}× faster (loop ≈ ${seconds.toFixed(1)} s)`;
  row("   vs an openssl verify loop", value, "≥ 10×", ratio >= 10);
  if (OPENSSL_FILES < size) note(`the loop ran over ${OPENSSL_FILES} files and was scaled to ${size}`);
}

function npmTestRow() {
  if (process.env.BENCH_NPM_TEST === "0") return note("npm test row skipped (BENCH_NPM_TEST=0)");
  const r = measured("npm", ["test", "--silent"], join(TMP, "npm-test.txt"));
  row("npm test", `${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU`, "≤ 20 s", r.wall <= 20);
}

const data = await benchData(
  ROOT,
  SIZES.map((s) => s.size),
);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
console.log(`connectpay-cert bench: ${RUNS} paired runs per start-up row, ${DIR_RUNS} per folder row, 3 and 1`);
console.log(`warm-up pairs discarded; medians [quartiles]; page faults: medians. load average ${load()}\n`);
startUpRows();
for (const size of SIZES) folderRow(size, data);
if (!SIZES.some((s) => s.size === 50_000) && only("folder", "folder-50k"))
  note("the 50,000-bundle row is opt-in: BENCH_50K=1 (or BENCH_ROWS=folder-50k)");
if (only("npmtest")) npmTestRow();
rmSync(TMP, { recursive: true, force: true });
rmSync(ENV.CONNECTPAY_CERT_CACHE, { recursive: true, force: true });
console.log(
  `\n${rows.filter((r) => r.ok).length} of ${rows.filter((r) => r.ok !== undefined).length} goals met. load average ${load()}`,
);
