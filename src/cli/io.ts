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

export function processIo(): Io {
  // A reader that goes away (`| head`) is not an error of ours: stop writing, keep the exit code.
  let stdoutClosed = false;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    stdoutClosed = true;
  });
  return {
    stdout: (t) => {
      if (!stdoutClosed) process.stdout.write(t);
    },
    stderr: (t) => process.stderr.write(t),
    readStdin: (limit) => readStream(process.stdin, limit),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    // A getter: the terminal can be resized while a spinner runs.
    get stderrColumns() {
      return process.stderr.columns;
    },
    stdinStream: process.stdin,
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
