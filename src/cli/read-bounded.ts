import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";

/** Thrown when a named input is not a regular file; `what` says what it is instead. */
export class NotRegularFileError extends Error {
  readonly code = "ENOTREG";
  constructor(readonly what: string) {
    super(`it is ${what}, not a regular file`);
  }
}

export function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  if (st.isSymbolicLink()) return "a symbolic link";
  return "a special file";
}

export interface BoundedReadOptions {
  /** refuse a symbolic link instead of following it (secret files: a link to a system file is refused) */
  noFollow?: boolean;
  /**
   * Files met before in this run: a file already in it (the same device and inode, reached by a hard link
   * or a symbolic link) is not read again, and comes back with `repeat` set and no bytes.
   */
  seen?: FileIds;
}

/** What was read, and the stat of the very descriptor it was read from (for permission checks). */
export interface BoundedRead {
  bytes: Buffer;
  stat: Stats;
  /** the file was in `seen` already: nothing was read */
  repeat?: boolean;
}

/**
 * The real files (device + inode) a run has opened. Numbers, not "dev:ino" strings: a folder of 50,000
 * bundles keeps one entry per file for the whole run.
 */
export class FileIds {
  private readonly byDevice = new Map<number, Set<number>>();

  /**
   * True the first time a file is met. An inode number past 2^53 (overlayfs with xino, Lustre) is not exact
   * as a Number: such a file is never taken for another, so it is judged under each of its names rather than
   * distinct files dropped as one.
   */
  add(st: Stats): boolean {
    if (!Number.isSafeInteger(st.ino) || !Number.isSafeInteger(st.dev)) return true;
    let inodes = this.byDevice.get(st.dev);
    if (!inodes) {
      inodes = new Set();
      this.byDevice.set(st.dev, inodes);
    }
    if (inodes.has(st.ino)) return false;
    inodes.add(st.ino);
    return true;
  }
}

const NOTHING = Buffer.alloc(0);

/**
 * Reads at most `limit + 1` bytes of a regular file, the same contract as `readStream` for stdin, so the
 * caller can tell "over the limit" without holding the rest (unbounded, `check /dev/zero` grew to 7.8 GB).
 * The file is opened non-blocking (a FIFO with no writer must not hang the run) and checked with fstat on
 * the open descriptor (no race between the check and the read), so /dev/zero, FIFOs, sockets and
 * directories are refused before a byte is read. Synchronous on purpose: only regular files are read, and
 * those never block, so there is nothing for the thread pool to overlap; at 10,000 small bundles its
 * round trips cost more than the reads. The identity check with `seen` uses the same fstat, before the kind
 * check, so two links to one FIFO are refused once, as one file.
 */
export function readBoundedFileSync(path: string, limit: number, opts: BoundedReadOptions = {}): BoundedRead {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (opts.noFollow ? constants.O_NOFOLLOW : 0);
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (err) {
    // O_NOFOLLOW on a link fails with ELOOP: say what it is rather than "too many levels of links".
    if ((err as NodeJS.ErrnoException).code === "ELOOP" && opts.noFollow)
      throw new NotRegularFileError("a symbolic link");
    // A file that cannot be opened (no read permission) still has an identity a stat can tell: its second
    // name is a repeat, not a second unreadable input. The open's error is the one reported, never the stat's.
    const stat = opts.seen && statQuietly(path);
    if (stat && !opts.seen?.add(stat)) return { bytes: NOTHING, stat, repeat: true };
    throw err;
  }
  try {
    const stat = fstatSync(fd);
    if (opts.seen && !opts.seen.add(stat)) return { bytes: NOTHING, stat, repeat: true };
    if (!stat.isFile()) throw new NotRegularFileError(kindOf(stat));
    return { bytes: readUpTo(fd, limit + 1, stat.size), stat };
  } finally {
    closeSync(fd);
  }
}

/**
 * stat, or undefined when there is nothing to stat (missing, dangling link, no permission, a loop).
 * Synchronous, like the reads: a folder of 10,000 bundles spent 0.4 s idle waiting on the thread pool for one
 * stat at a time (slower than the stat itself), and a stat never waits on anything a promise could overlap.
 */
export function statQuietly(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The same, for callers that await. */
export async function readBoundedFile(
  path: string,
  limit: number,
  opts: BoundedReadOptions = {},
): Promise<BoundedRead> {
  return readBoundedFileSync(path, limit, opts);
}

/**
 * One buffer sized from fstat, one byte more than the file (a sparse 1 GB file still gets `max`), grown
 * only if the file grew. A read that returns exactly fstat's size, short of the buffer, has met the end of
 * a regular file: no second read to hear the 0 that says so (each small bundle cost two reads). A file
 * that fstat calls empty (procfs) or that grew is read until a read returns 0 or `max` bytes are held.
 */
function readUpTo(fd: number, max: number, size: number): Buffer {
  let buf = Buffer.alloc(Math.min(max, Math.max(size, 0) + 1, 64 * 1024 * 1024));
  let total = 0;
  while (total < max) {
    if (total === buf.length) {
      const bigger = Buffer.alloc(Math.min(max, Math.max(buf.length * 2, 64 * 1024)));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const bytesRead = readSync(fd, buf, total, buf.length - total, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total === size && total < buf.length) break;
  }
  return buf.subarray(0, total);
}
