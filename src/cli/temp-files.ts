import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temporary files not yet renamed into place; removed if the process is stopped by a signal it can catch. */
const pending = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function removePending(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePending();
  unwatch();
  // Someone else (the gateway) handles this signal: leave the stopping to it. Otherwise die as the
  // signal would have killed us, so the exit status still says "interrupted" (130, 143).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function watch(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", removePending);
}

function unwatch(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off("exit", removePending);
}

/**
 * Creates `.<name>.<random>.tmp` next to `path` with O_EXCL (`wx`: never an existing file or a planted
 * link) and the given mode, and tracks it until `settleTemp`.
 */
export async function createTemp(path: string, mode: number): Promise<{ tmp: string; fh: FileHandle }> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fh = await open(tmp, "wx", mode);
  if (pending.size === 0) watch();
  pending.add(tmp);
  return { tmp, fh };
}

/** The temporary file was renamed or removed: no longer ours to clean up. */
export function settleTemp(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) unwatch();
}
