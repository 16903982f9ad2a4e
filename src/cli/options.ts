import { resolve } from "node:path";
import { LIMITS } from "../core/limits.js";
import type { FileMode } from "../core/verdict/observations.js";
import { UsageError } from "./errors.js";
import { type BoundedReadOptions, type FileIds, NotRegularFileError, readBoundedFileSync } from "./read-bounded.js";

/**
 * A bundle to judge: at most `maxInputBytes + 1` bytes, so an over-limit file still gets
 * `format.limit-exceeded` from the reader, as standard input does. Special files are refused.
 */
export async function readInputFile(cwd: string, file: string, what: string): Promise<Buffer> {
  return readBounded(cwd, file, what, LIMITS.maxInputBytes, {});
}

/**
 * `readInputFile` without a promise: check's folders of many small bundles (see read-bounded.ts). With
 * `seen`, a file met before in the run (a hard or symbolic link to it) is not read: undefined.
 */
export function readInputFileSync(cwd: string, file: string, what: string, seen?: FileIds): Buffer | undefined {
  const read = readBoundedRead(cwd, file, what, LIMITS.maxInputBytes, { seen });
  return read.repeat ? undefined : read.bytes;
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
  return readBoundedRead(cwd, file, what, limit, opts).bytes;
}

function readBoundedRead(cwd: string, file: string, what: string, limit: number, opts: BoundedReadOptions) {
  try {
    return readBoundedFileSync(resolve(cwd, file), limit, opts);
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

/**
 * The permission bits of a file that holds a secret, for core to judge (key.permissions,
 * secret.permissions); Windows has no such bits, so nothing is observed there.
 */
export async function fileMode(cwd: string, file: string): Promise<FileMode> {
  if (process.platform === "win32") return { file };
  const { stat } = await import("node:fs/promises");
  return { file, mode: (await stat(resolve(cwd, file))).mode & 0o777 };
}
