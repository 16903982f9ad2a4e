import { resolve } from "node:path";
import type { Finding } from "../core/findings/finding.js";
import { keyPermissionsFinding, secretPermissionsFinding } from "../core/findings/key.js";
import { LIMITS } from "../core/limits.js";
import { UsageError } from "./errors.js";
import { type BoundedReadOptions, NotRegularFileError, readBoundedFileSync } from "./read-bounded.js";

/**
 * A bundle to judge: at most `maxInputBytes + 1` bytes, so an over-limit file still gets
 * `format.limit-exceeded` from the reader, as standard input does. Special files are refused.
 */
export async function readInputFile(cwd: string, file: string, what: string): Promise<Buffer> {
  return readBounded(cwd, file, what, LIMITS.maxInputBytes, {});
}

/** `readInputFile` without a promise: check's folders of many small bundles (see read-bounded.ts). */
export function readInputFileSync(cwd: string, file: string, what: string): Buffer {
  return readBounded(cwd, file, what, LIMITS.maxInputBytes, {});
}

/** A file an option names (key, trust, CA, config, secret): over its limit is refused, not truncated. */
export async function readOptionFile(
  cwd: string,
  file: string,
  what: string,
  limit: number = LIMITS.maxInputBytes,
  opts: BoundedReadOptions = {},
): Promise<Buffer> {
  const bytes = readBounded(cwd, file, what, limit, opts);
  if (bytes.length > limit) throw new UsageError(`${what}: ${file} is larger than ${limit} bytes, the limit.`);
  return bytes;
}

function readBounded(cwd: string, file: string, what: string, limit: number, opts: BoundedReadOptions): Buffer {
  try {
    return readBoundedFileSync(resolve(cwd, file), limit, opts).bytes;
  } catch (err) {
    throw new UsageError(`${what}: cannot read ${file}: ${describeFsError(err)}.`);
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (err instanceof NotRegularFileError) return err.message;
  if (code === "ENXIO") return "it is a socket or a device with nothing behind it, not a regular file";
  return (err as Error).message;
}

/** `key.permissions`: a private key readable by group or others (POSIX only; Windows has no such bits). */
export async function keyPermissionFinding(cwd: string, file: string): Promise<Finding | undefined> {
  const mode = await looseMode(cwd, file);
  return mode === undefined ? undefined : keyPermissionsFinding(file, mode);
}

/** `secret.permissions`: the same check for the ClientSecret file (issue 13). */
export async function secretPermissionFinding(cwd: string, file: string): Promise<Finding | undefined> {
  const mode = await looseMode(cwd, file);
  return mode === undefined ? undefined : secretPermissionsFinding(file, mode);
}

/** The permission bits when group or others may read the file; undefined when only the owner may. */
async function looseMode(cwd: string, file: string): Promise<number | undefined> {
  if (process.platform === "win32") return undefined;
  const { stat } = await import("node:fs/promises");
  const mode = (await stat(resolve(cwd, file))).mode & 0o777;
  return (mode & 0o077) === 0 ? undefined : mode;
}
