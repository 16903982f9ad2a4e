import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import { link, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./errors.js";

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Refuses an output path that is (or links to) one of the inputs: the user's file is never replaced. */
export function assertNotInput(cwd: string, output: string, inputs: string[], flag: string): string {
  const out = realOrResolved(resolve(cwd, output));
  for (const input of inputs) {
    if (input !== "-" && realOrResolved(resolve(cwd, input)) === out)
      throw new UsageError(`${flag}: ${output} is the input file; write the result to a new file instead.`);
  }
  return out;
}

/** Writes via a temporary file in the same folder and a rename, so a reader never sees half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data, { mode, flag: "wx" });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

/**
 * Writes a file that must not exist yet (a new private key): a temporary file, then a hard link to the
 * final name, which fails if that name exists. No other process ever sees the file half written, and an
 * existing file is never replaced, even when another writer races us.
 */
export async function writeNewFileAtomic(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data, { mode, flag: "wx" });
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST")
      throw new UsageError(`${path} exists; refusing to overwrite it (choose another -o).`);
    throw new UsageError(`cannot write ${path}: ${(err as Error).message}`);
  } finally {
    await rm(tmp, { force: true });
  }
}
