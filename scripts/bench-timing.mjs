// Timing for npm run bench. The machine may be shared and loaded, so nothing here is an absolute
// figure: two commands are run alternately (warm-ups discarded) and compared by their medians, with the
// quartiles as spread. NODE_EXTRA_CA_CERTS is removed from every child's environment: it makes each Node
// start load extra certificates, which users' machines do not, and flatters every ratio.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ENV = { ...process.env };
delete ENV.NODE_EXTRA_CA_CERTS;
// The bin's code cache (bin/code-cache.js) lives in the bench's own folder, warmed by the first run.
ENV.CONNECTPAY_CERT_CACHE = mkdtempSync(join(tmpdir(), "cpc-bench-cache-"));

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const at = (xs, p) => sorted(xs)[Math.round((xs.length - 1) * p)];

/** Median and quartiles of a sample. */
export function stats(xs) {
  return { median: at(xs, 0.5), p25: at(xs, 0.25), p75: at(xs, 0.75), n: xs.length };
}

/** Wall milliseconds of one run, stdio discarded; the exit code must be one of `codes`. */
export function wallMs([cmd, args], codes = [0], env = {}) {
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { stdio: "ignore", env: { ...ENV, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!codes.includes(res.status)) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status}`);
  return ms;
}

/**
 * CPU milliseconds (user + system) of one run, from bash's `times` (millisecond resolution; bash's own
 * start-up is not counted, only its child's). Load on a shared machine stretches wall time far more than
 * CPU time, so this is the steadier of the two. `times` is read before and after: started in the background
 * of some shells, bash's children total began at ~0.5 s before its first child ran (a `node -e 0` read
 * as 540 ms of CPU in 60 ms of wall time).
 */
export function cpuMs([cmd, args], env = {}) {
  const script = 'times; "$@" >/dev/null 2>&1; times';
  const res = spawnSync("bash", ["-c", script, "bench", cmd, ...args], { env: { ...ENV, ...env }, encoding: "utf8" });
  // Each `times` prints the shell's own line, then its children's.
  const lines = res.stdout.trim().split("\n");
  const seconds = (line = "") => [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  const [before, after] = [seconds(lines[1]), seconds(lines[3])];
  if (lines.length !== 4 || before.length !== 2 || after.length !== 2)
    throw new Error(`bash times printed ${JSON.stringify(res.stdout)}`);
  return (after[0] + after[1] - before[0] - before[1]) * 1000;
}

/**
 * Runs `measure` on a and b alternately; the first `warmups` pairs are discarded. The ratio is the median of
 * each pair's own ratio, not a ratio of the two medians: the two runs of a pair see the same load, so a burst
 * of load that slows a few baseline runs (one run measured `node -e 0` at 80 ms instead of 56, and a cold
 * `check` "met" 1.28×) cannot move it.
 */
export function paired(measure, a, b, runs, warmups = 3) {
  const ta = [];
  const tb = [];
  for (let i = 0; i < warmups + runs; i++) {
    const x = measure(a);
    const y = measure(b);
    if (i >= warmups) {
      ta.push(x);
      tb.push(y);
    }
  }
  return { a: stats(ta), b: stats(tb), ratio: stats(tb.map((y, i) => y / ta[i])).median };
}

// Touches PAGES fresh pages of one buffer and prints the microseconds each page fault took; nothing when
// the pages came with few faults (huge pages, say), where a price per fault would mean nothing.
const PAGES = 8192;
const TOUCH = `const b=Buffer.allocUnsafe(${PAGES}*4096),r=process.resourceUsage,f=r().minorPageFault,t=process.hrtime.bigint();
for(let i=0;i<b.length;i+=4096)b[i]=1;
const n=r().minorPageFault-f;if(n>=${PAGES / 2})process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e3/n));`;

/**
 * What one fresh page costs on this machine (µs, the median of `runs` children; undefined when pages come
 * without a fault each): the price of every page fault the bench counts, and what turns the faults beside
 * each time into milliseconds. It differs from machine to machine (11-15 µs on the 2-vCPU virtual machine
 * the figures in docs/ come from).
 */
export function pageFaultMicros(runs = 5) {
  const one = () => Number(spawnSync("node", ["-e", TOUCH], { env: ENV, encoding: "utf8" }).stdout || Number.NaN);
  const xs = Array.from({ length: runs }, one).filter((x) => x > 0);
  return xs.length ? stats(xs).median : undefined;
}

export const FAULTS_PRELOAD = new URL("bench-faults.cjs", import.meta.url).pathname;
const FAULTS_FILE = join(mkdtempSync(join(tmpdir(), "cpc-bench-faults-")), "faults");

/** Reads (and removes) the page-fault counts a child wrote at exit: bench-faults.cjs or bench-verify.py. */
function takeFaults() {
  try {
    const [minor, major] = readFileSync(FAULTS_FILE, "utf8").trim().split(" ").map(Number);
    return { minor, major };
  } catch {
    return undefined;
  } finally {
    rmSync(FAULTS_FILE, { force: true });
  }
}

/**
 * Page faults (minor, major) of one run, counted by the child itself (process.resourceUsage() via the
 * preload). A separate run from the timed ones, so the preload adds nothing to any time.
 */
export function faultsOf([cmd, args], codes = [0], env = {}) {
  const res = spawnSync(cmd, ["-r", FAULTS_PRELOAD, ...args], {
    stdio: "ignore",
    env: { ...ENV, ...env, BENCH_FAULTS_FILE: FAULTS_FILE },
  });
  if (!codes.includes(res.status)) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status}`);
  const faults = takeFaults();
  if (!faults) throw new Error(`${cmd} ${args.join(" ")} wrote no page-fault counts`);
  return faults;
}

/**
 * Wall, CPU seconds, peak RSS (MiB) and the child's own page faults (when it writes them) of one run under
 * GNU time; stdout goes to `outFile`.
 */
export function measured(cmd, args, outFile, codes = [0]) {
  const out = openSync(outFile, "w");
  try {
    const res = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", cmd, ...args], {
      stdio: ["ignore", out, "pipe"],
      env: { ...ENV, BENCH_FAULTS_FILE: FAULTS_FILE },
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = res.stderr.toString().trim().split("\n").at(-1) ?? "";
    const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(line);
    if (!m || !codes.includes(res.status)) throw new Error(`${cmd} ${args.join(" ")} failed (${res.status}): ${line}`);
    const faults = takeFaults();
    return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024, faults };
  } finally {
    closeSync(out);
  }
}
