import { clearLine, cursorTo, moveCursor } from "node:readline";
import { Writable } from "node:stream";
import type { Io } from "./io.js";

/** What ora and readline ask of a terminal: a stream, its width, and the cursor moves. */
export interface TerminalStream extends NodeJS.WritableStream {
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  cursorTo(x: number, y?: number, callback?: () => void): boolean;
  moveCursor(dx: number, dy: number, callback?: () => void): boolean;
  clearLine(dir: -1 | 0 | 1, callback?: () => void): boolean;
}

/**
 * io.stderr as the terminal stream that ora (spinners) and readline (hidden prompts) write to, so that
 * every byte, cursor moves included, goes through the injected Io and a test can see it.
 */
export function terminalStream(io: Io): TerminalStream {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      io.stderr(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      done();
    },
  });
  // readline's cursor helpers only write ANSI sequences to the stream they are given.
  return Object.assign(stream, {
    isTTY: io.stderrIsTTY,
    get columns() {
      return io.stderrColumns;
    },
    cursorTo: (x: number, y?: number, callback?: () => void) => cursorTo(stream, x, y, callback),
    moveCursor: (dx: number, dy: number, callback?: () => void) => moveCursor(stream, dx, dy, callback),
    clearLine: (dir: -1 | 0 | 1, callback?: () => void) => clearLine(stream, dir, callback),
  });
}
