import { existsSync, readFileSync } from "node:fs";
import { execa } from "execa";
import { BIN } from "../helpers/cli.js";

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
    const argv = ["-s", "KILL", secs, TIME, "-f", `${MARK}%M`, process.execPath, BIN, ...args];
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
  const child = execa(process.execPath, [BIN, ...args], common);
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
