import { realpathSync } from "node:fs";
import { link, lstat, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UsageError } from "./errors.js";
import { describeFsError } from "./options.js";
import { kindOf } from "./read-bounded.js";
import { createTemp, settleTemp } from "./temp-files.js";

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Two absolute paths naming the same file, through links or not (`-o x --zip ./x`). */
export function samePath(a: string, b: string): boolean {
  return realOrResolved(a) === realOrResolved(b);
}

/**
 * Refuses an output path that is (or links to) one of the inputs: the user's file is never replaced.
 * Returns the path to write, resolved but not through links: the link itself is judged by `writeFileAtomic`.
 */
export function assertNotInput(cwd: string, output: string, inputs: string[], flag: string): string {
  const out = realOrResolved(resolve(cwd, output));
  for (const input of inputs) {
    if (input !== "-" && realOrResolved(resolve(cwd, input)) === out)
      throw new UsageError(`${flag}: ${output} is the input file; write the result to a new file instead.`);
  }
  return resolve(cwd, output);
}

/**
 * An output may be a new file or an existing regular file (replaced whole). A symbolic link is refused,
 * never followed: `out.pem -> precious.txt` overwrote precious.txt. A device, FIFO or folder
 * is refused: `-o /dev/null` as root would have replaced /dev/null with a regular file.
 */
async function targetProblem(path: string, shown: string): Promise<string | undefined> {
  const st = await lstat(path).catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? undefined : err));
  if (st instanceof Error) return describeFsError(st);
  if (st && !st.isFile()) return `it is ${kindOf(st)}; write to a new file or an existing regular file instead`;
  const dir = await lstat(dirname(path)).catch(() => undefined);
  if (!dir) return `the folder ${dirname(shown)} does not exist`;
  return undefined;
}

/** Checks an output path before any work is done, so a refusal costs nothing. */
export async function assertWritableTarget(path: string, flag: string, shown = path): Promise<void> {
  const problem = await targetProblem(path, shown);
  if (problem) throw new UsageError(`${flag}: cannot write ${shown}: ${problem}.`);
}

/** What the output holds decides its mode: certificates are public (0644), key material is not (0600). */
export const MODES = { public: 0o644, secret: 0o600 } as const;

/**
 * Writes via an O_EXCL temporary file in the same folder and a rename, so a reader never sees half a file
 * and rename replaces a link planted after the check rather than writing through it.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode: number = MODES.public) {
  const problem = await targetProblem(path, path);
  if (problem) throw new UsageError(`cannot write ${path}: ${problem}.`);
  let tmp: string | undefined;
  try {
    const created = await createTemp(path, mode);
    tmp = created.tmp;
    try {
      await created.fh.writeFile(data);
      // umask may only narrow the mode; key material must be 0600 whatever the umask.
      if (mode === MODES.secret) await created.fh.chmod(mode);
    } finally {
      await created.fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    if (tmp) await rm(tmp, { force: true });
    throw new UsageError(`cannot write ${path}: ${describeFsError(err)}.`);
  } finally {
    if (tmp) settleTemp(tmp);
  }
}

/**
 * Writes a file that must not exist yet (a new private key): a temporary file, then a hard link to the
 * final name, which fails if that name exists. No other process ever sees the file half written, and an
 * existing file is never replaced, even when another writer races us.
 */
export async function writeNewFileAtomic(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const { tmp, fh } = await createTemp(path, mode);
  try {
    await fh.writeFile(data);
    await fh.close();
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST")
      throw new UsageError(`${path} exists; refusing to overwrite it (choose another -o).`);
    throw new UsageError(`cannot write ${path}: ${describeFsError(err)}.`);
  } finally {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    settleTemp(tmp);
  }
}
