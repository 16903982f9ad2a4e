import { WriteError } from "./errors.js";
import { writeAllSync } from "./fd-write.js";
import { isTerminal } from "./is-terminal.js";

/** Everything a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(limit: number): Promise<Buffer>;
  env: Record<string, string | undefined>;
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** width of the terminal behind stderr; absent when unknown (pipes, tests), and then no spinner is drawn */
  stderrColumns?: number;
  /** the terminal a hidden prompt reads from; absent where there is none (tests), and then nothing is asked */
  stdinStream?: NodeJS.ReadableStream;
}

/**
 * The real process. Output is written straight to descriptors 1 and 2 (see fd-write.ts), and the stdio
 * stream objects, which load net, stream and tty (a few ms of every start), are made only when
 * something reads a property that needs them: the terminal width, standard input. A TTY question asks the
 * descriptor itself (is-terminal.ts).
 * Windows keeps process.stdout, whose console writer converts to UTF-16.
 */
export function processIo(): Io {
  const stdout = process.platform === "win32" ? streamWriter(process.stdout) : fdWriter(1);
  const stderr = process.platform === "win32" ? streamWriter(process.stderr) : fdWriter(2);
  return {
    stdout,
    stderr,
    readStdin: (limit) => readStream(process.stdin, limit),
    env: process.env,
    cwd: process.cwd(),
    get stdoutIsTTY() {
      return isTerminal(1);
    },
    get stderrIsTTY() {
      return isTerminal(2);
    },
    get stdinIsTTY() {
      return isTerminal(0);
    },
    // A getter: the terminal can be resized while a spinner runs.
    get stderrColumns() {
      return process.stderr.columns;
    },
    get stdinStream() {
      return process.stdin;
    },
  };
}

/**
 * A write that fails ends writing to that descriptor. A reader that goes away (`| head`) is not an error of
 * ours: the exit code stays the verdict's. A report that cannot be written (a full disk, an I/O error) is
 * the run failing as asked, as `fix -o` on a full disk is (write-file.ts): exit 2 with one line on stderr,
 * not a bug's stack trace. Diagnostics that cannot be written to stderr leave nowhere to say so, and no
 * verdict changes for them.
 */
function fdWriter(fd: number): (text: string) => void {
  let closed = false;
  return (text) => {
    if (closed) return;
    try {
      writeAllSync(fd, text);
    } catch (err) {
      closed = true;
      const { code, message } = err as NodeJS.ErrnoException;
      if (code === "EPIPE" || fd !== 1) return;
      // "ENOSPC: no space left on device, write" as "no space left on device (ENOSPC)"
      const why = message.replace(/^[A-Z0-9]+: /, "").replace(/, write$/, "");
      throw new WriteError(`cannot write to standard output: ${why}${code ? ` (${code})` : ""}.`);
    }
  };
}

function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** Reads at most limit + 1 bytes, so an endless pipe cannot exhaust memory. */
export async function readStream(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buf);
    size += buf.length;
    if (size > limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}
