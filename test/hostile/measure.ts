import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { BIN, ROOT } from "../helpers/cli.js";

export interface Measured {
  code: number;
  stdout: string;
  stderr: string;
  /** the child's peak resident set, in MiB; undefined where it cannot be measured */
  peakMiB?: number;
  /** true when the harness had to kill the child (it hung) */
  timedOut: boolean;
}

const TIME = "/usr/bin/time";

let shared: string | undefined;

/**
 * Another user (`uid`) may not be able to enter the checkout (a clone in a 0700 temporary folder): it runs
 * a copy of the built package (bin/, dist/, package.json; no run-time dependencies) in a folder anyone can read.
 */
function binFor(uid: number | undefined): string {
  if (uid === undefined) return BIN;
  if (!shared) {
    shared = mkdtempSync(join(tmpdir(), "cpc-shared-bin-"));
    for (const part of ["bin", "dist", "package.json"])
      cpSync(join(ROOT, part), join(shared, part), { recursive: true });
    chmodSync(shared, 0o755);
  }
  return join(shared, "bin", "connectpay-cert.js");
}
const MARK = "@@peak-rss-kb=";

/**
 * Spawns the built bin as a user would and measures its peak memory: with GNU time when present (the
 * kernel's ru_maxrss of the child), else by sampling /proc/<pid>/status VmHWM while it runs.
 */
export async function runBin(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; uid?: number; timeoutMs?: number },
): Promise<Measured> {
  const env = { NO_COLOR: "1", PATH: process.env.PATH ?? "", ...opts.env };
  const common = {
    cwd: opts.cwd,
    env,
    extendEnv: false,
    reject: false,
    timeout: opts.timeoutMs ?? 15_000,
    uid: opts.uid,
  };
  if (existsSync(TIME)) {
    // timeout(1) kills the whole process group: killing GNU time alone would leave node running on.
    const secs = String(Math.ceil((opts.timeoutMs ?? 15_000) / 1000));
    const argv = ["-s", "KILL", secs, TIME, "-f", `${MARK}%M`, process.execPath, binFor(opts.uid), ...args];
    const res = await execa("timeout", argv, { ...common, timeout: undefined });
    const m = new RegExp(`${MARK}(\\d+)`).exec(String(res.stderr));
    const stderr = String(res.stderr).replace(
      new RegExp(`(Command exited with non-zero status \\d+\\n)?${MARK}\\d+\\n?`),
      "",
    );
    return {
      code: res.exitCode ?? -1,
      stdout: String(res.stdout),
      stderr,
      peakMiB: m ? Number(m[1]) / 1024 : undefined,
      timedOut: res.exitCode === 137,
    };
  }
  const child = execa(process.execPath, [binFor(opts.uid), ...args], common);
  let peakKb = 0;
  const sample = setInterval(() => {
    const status = readFileSafe(`/proc/${child.pid}/status`);
    const hwm = /VmHWM:\s+(\d+)/.exec(status);
    if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
  }, 20);
  const res = await child;
  clearInterval(sample);
  return {
    code: res.exitCode ?? -1,
    stdout: String(res.stdout),
    stderr: String(res.stderr),
    peakMiB: peakKb ? peakKb / 1024 : undefined,
    timedOut: Boolean(res.timedOut),
  };
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Generous: Node itself takes ~50 MiB; the input limit is 4 MiB. Unbounded reads reached 7.8 GB. */
export const PEAK_LIMIT_MIB = 200;
