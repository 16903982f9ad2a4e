import { keystoreType } from "../../../core/input/keystore-type.js";
import { readAhead } from "../../../core/input/read-bundle.js";
import { type DecodedText, decodeText } from "../../../core/input/text.js";
import { LIMITS } from "../../../core/limits.js";
import type { CertCache } from "../../../core/x509/cert-cache.js";
import { SignatureWorker } from "../../../core/x509/signature-worker.js";
import { UsageError } from "../../errors.js";
import { readInputFileSync } from "../../options.js";
import { FileIds } from "../../read-bounded.js";
import type { FileList, JudgeJob } from "./judge-files.js";

/** A file read, maybe ahead of its turn: its bytes (or why not), and the batch its signature check went with. */
export interface FileRead {
  /** undefined: a walk's file already judged under another name */
  bytes: Buffer | UsageError | undefined;
  answered?: Promise<void>;
  /** an internal error the read met: thrown at the file's turn, after the results before it */
  failed?: { error: unknown };
  /** the PEM blocks read (and parsed) ahead of its turn */
  blocks?: number;
  /** its text, when it was read ahead: its turn decodes the bytes no more */
  decoded?: DecodedText;
}

// Below this many files a second thread saves nothing (`npm run bench`, one thread against two: 0.66 s against
// 0.68 s at 1,000 bundles, 1.2 s both at 2,000, 1.6-1.9 s against 1.5-1.85 s at 4,000, 2.74 s against 2.40 s at
// 10,000): its first answers come after 100-200 bundles, and it adds ~10 MB and the page faults to touch them.
const READ_AHEAD_FROM = 2000;
// Files are read ahead in batches of this many, each cut short at the file that takes it past BATCH_BYTES or
// BATCH_BLOCKS, and another batch is read only while fewer than those are held: at most about 12 MiB of input
// at once, and at most about 1,500 PEM blocks parsed ahead (three files at the block limit: a parsed certificate
// takes some 20 times its PEM, and files of 500 small leaves held 320 MB where one thread holds 150).
const BATCH_FILES = 32;
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_BLOCKS = LIMITS.maxBlocks;

/** Files, bytes and PEM blocks all below one batch's worth. */
const belowBatch = (files: number, bytes: number, blocks: number) =>
  files < BATCH_FILES && bytes < BATCH_BYTES && blocks < BATCH_BLOCKS;

const cpus = () => process.getBuiltinModule("node:os").availableParallelism();

/**
 * "always" (CONNECTPAY_CERT_THREADS=2) whenever there is more than one file; "auto" for many, on two CPUs or
 * more: on one, the two threads would take turns, the same work plus the batches' cost. (node:os is loaded only
 * then: a check of a few files never needs it.)
 */
function wantsThread(setting: "auto" | "never" | "always", files: number): boolean {
  if (setting === "always") return files > 1;
  return setting === "auto" && files >= READ_AHEAD_FROM && cpus() > 1;
}

/**
 * Reads a run's files, synchronously: at 10,000 small bundles a 16-deep fs/promises read-ahead spent more in
 * promise and thread-pool round trips than the reads took. Few files: one at a time, at its turn. From
 * READ_AHEAD_FROM files on, a batch ahead (the batch after the file judged is always on its way), each file
 * read as readBundle will read it (readAhead) and its leaf's signature checked on a second thread meanwhile
 * (SignatureWorker): one ECDSA check was a third of a bundle's time. Standard input is never read ahead (its
 * turn reads it: `next` gives undefined), and nothing here unlocks a keystore.
 */
export class FileReader {
  readonly #worker: SignatureWorker | undefined;
  readonly #seen = new FileIds();
  readonly #queue: (FileRead | undefined)[] = [];
  #queued = 0;
  #held = 0;
  #heldBlocks = 0;

  constructor(
    private readonly list: FileList,
    private readonly job: JudgeJob,
    private readonly cache: CertCache,
  ) {
    if (wantsThread(job.signatureThread ?? "never", list.files.length)) this.#worker = new SignatureWorker();
  }

  /** File `i`'s read; files are asked for in order, each once. */
  async next(i: number): Promise<FileRead | undefined> {
    if (!this.#worker) return this.#read(i);
    if (this.#roomAhead()) {
      do this.#readBatch();
      while (this.#roomAhead());
      // While the thread starts (tens of ms), nothing waits for it: a turn of the event loop takes in what it has
      // answered, and the bundles it has not are checked here, at their turn, as they always were.
      // (setImmediate, not node:timers/promises: that module is not worth loading at every start for this.)
      if (!this.#worker.ready) await new Promise((resolve) => setImmediate(resolve));
    }
    const read = this.#queue.shift();
    if (Buffer.isBuffer(read?.bytes)) this.#held -= read.bytes.length;
    this.#heldBlocks -= read?.blocks ?? 0;
    // Once it runs, it is a batch ahead: its answers are (nearly always) in when their files' turn comes.
    if (read?.answered && this.#worker.ready) await read.answered;
    return read;
  }

  /** Ends the second thread, if there is one. */
  close(): Promise<void> {
    return this.#worker?.close() ?? Promise.resolve();
  }

  /** Another batch is read while the files, bytes and blocks held ahead are all below a batch's. */
  #roomAhead(): boolean {
    return this.#queued < this.list.files.length && belowBatch(this.#queue.length, this.#held, this.#heldBlocks);
  }

  #readBatch(): void {
    const worker = this.#worker as SignatureWorker;
    const batch: (FileRead | undefined)[] = [];
    let bytes = 0;
    let blocks = 0;
    while (this.#queued < this.list.files.length && belowBatch(batch.length, bytes, blocks)) {
      const read = this.#read(this.#queued++);
      if (read && Buffer.isBuffer(read.bytes)) {
        bytes += read.bytes.length;
        if (!(this.job.unlockKeystore && keystoreType(read.bytes))) this.#checkAhead(read, read.bytes, worker);
        blocks += read.blocks ?? 0;
      }
      batch.push(read);
    }
    const answered = worker.flush();
    for (const read of batch) if (read) read.answered = answered;
    this.#queue.push(...batch);
    this.#held += bytes;
    this.#heldBlocks += blocks;
  }

  #read(i: number): FileRead | undefined {
    const file = this.list.files[i];
    if (file === "-" && this.job.readStdin) return undefined;
    try {
      const seen = this.list.walked?.[i] ? this.#seen : undefined;
      return { bytes: readInputFileSync(this.job.cwd, file, "check", seen) };
    } catch (error) {
      return error instanceof UsageError ? { bytes: error } : { bytes: undefined, failed: { error } };
    }
  }

  /**
   * readAhead, its signature queued: the read gets the file's text and the blocks it read. No blocks when that
   * fails: the file's turn meets the same error again.
   */
  #checkAhead(read: FileRead, bytes: Buffer, worker: SignatureWorker): void {
    read.decoded = decodeText(bytes);
    try {
      const { blocks, check } = readAhead(bytes, read.decoded, this.cache);
      if (check) worker.queue(check.child, check.issuer, this.cache);
      read.blocks = blocks;
    } catch {
      // judged at its turn
    }
  }
}
