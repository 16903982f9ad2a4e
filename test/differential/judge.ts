// Judges generated chains twice: `connectpay-cert check --trust root.pem --at T` (in process, as a user runs
// it) and `openssl verify -purpose sslclient -attime T -CAfile root.pem -untrusted ints.pem leaf.pem`.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import { pem } from "../helpers/der-builder.js";
import { AT, type BuiltChain, buildChain, type PlannedChain, planChain, prng } from "./chains.js";

export interface Verdicts {
  index: number;
  plan: PlannedChain;
  dir: string;
  check: { accepted: boolean; code: number; errors: string[] };
  openssl: { accepted: boolean; error: string };
}

/** The chains of one seed: chain i is planned from the seed's stream after chains 0..i-1. */
export function plans(seed: number, count: number): PlannedChain[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => planChain(rand));
}

function write(dir: string, chain: BuiltChain): void {
  mkdirSync(dir, { recursive: true });
  const [root, ...rest] = chain.ders;
  const leaf = rest.pop() as Buffer;
  const ints = rest.reverse();
  writeFileSync(join(dir, "root.pem"), pem(root));
  writeFileSync(join(dir, "leaf.pem"), pem(leaf));
  writeFileSync(join(dir, "ints.pem"), ints.map((d) => pem(d)).join(""));
  // What a customer sends ConnectPay: leaf first, then the intermediates, ending with the root.
  writeFileSync(join(dir, "bundle.pem"), [leaf, ...ints, root].map((d) => pem(d)).join(""));
}

function verifyArgs(dir: string, hasInts: boolean): string[] {
  const at = String(AT.getTime() / 1000);
  const args = ["verify", "-purpose", "sslclient", "-attime", at, "-CAfile", join(dir, "root.pem")];
  if (hasInts) args.push("-untrusted", join(dir, "ints.pem"));
  return [...args, join(dir, "leaf.pem")];
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * `openssl verify` for many chains from one shell: spawning each from this (large) Node process cost more
 * than the verification. Each run's output ends with a line "@@<exit code>".
 */
function opensslVerifyAll(runs: string[][]): Promise<{ accepted: boolean; error: string }[]> {
  const script = runs.map((args) => `openssl ${args.map(quote).join(" ")} 2>&1; echo "@@$?"`).join("\n");
  return new Promise((resolve, reject) => {
    execFile("sh", ["-c", script], { timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout) => {
      if (err) return reject(err);
      const parts = stdout.split(/^@@(\d+)$/m);
      const out = [];
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const accepted = parts[i + 1] === "0";
        const error = parts[i].match(/error \d+ at \d+ depth lookup: (.*)/)?.[1] ?? parts[i].trim().slice(0, 200);
        out.push({ accepted, error: accepted ? "" : error });
      }
      if (out.length !== runs.length)
        reject(new Error(`openssl gave ${out.length} verdicts for ${runs.length} chains`));
      else resolve(out);
    });
  });
}

async function check(dir: string): Promise<Verdicts["check"]> {
  const bundle = join(dir, "bundle.pem");
  const argv = ["check", "--json", bundle, "--trust", join(dir, "root.pem"), "--at", AT.toISOString()];
  const res = await runCli(argv);
  const doc = JSON.parse(res.stdout);
  const errors: string[] = doc.results
    .flatMap((r: { findings: { id: string; severity: string }[] }) => r.findings)
    .filter((f: { severity: string }) => f.severity === "error")
    .map((f: { id: string }) => f.id);
  return { accepted: res.code === 0, code: res.code, errors: [...new Set(errors)].sort() };
}

/**
 * Builds, writes and judges chains `from`..`to` of a seed's plans: OpenSSL verifies them from shells while
 * `check` runs here, so the two judges overlap.
 */
export async function judge(seed: number, all: PlannedChain[], from: number, to: number, root: string) {
  const indices = Array.from({ length: to - from }, (_, i) => from + i);
  const dirs = indices.map((index) => {
    const dir = join(root, `chain-${index}`);
    write(dir, buildChain(all[index], `${seed}-${index}`));
    return dir;
  });
  const runs = indices.map((index, i) => verifyArgs(dirs[i], all[index].certs.length > 2));
  // Two shells: each openssl run is a process start more than a computation.
  const half = Math.ceil(runs.length / 2);
  const theirs = Promise.all([opensslVerifyAll(runs.slice(0, half)), opensslVerifyAll(runs.slice(half))]).then(
    ([a, b]) => [...a, ...b],
  );
  const mine: Verdicts["check"][] = [];
  for (const dir of dirs) mine.push(await check(dir));
  const openssl = await theirs;
  return indices.map(
    (index, i): Verdicts => ({ index, plan: all[index], dir: dirs[i], check: mine[i], openssl: openssl[i] }),
  );
}

/** "root[bc-absent] → ca[] → leaf[expired]": the plan as a failure message shows it. */
export function describePlan(plan: PlannedChain): string {
  return plan.certs.map((c) => `${c.role}[${c.mutations.join(",")}]`).join(" → ");
}
