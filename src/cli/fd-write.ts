import { writeSync } from "node:fs";

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to a file descriptor before returning, so a slow reader (`| less`, a full pipe)
 * holds the writer back instead of letting output pile up in memory: 10,000 results into a pipe grew to
 * 240 MB behind process.stdout's asynchronous queue. A descriptor someone else made
 * non-blocking answers EAGAIN when full; then this waits a millisecond and tries again, as pino's
 * sonic-boom does. EPIPE (the reader went away) is thrown for the caller to decide.
 */
export function writeAllSync(fd: number, text: string): void {
  let rest = Buffer.from(text, "utf8");
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
