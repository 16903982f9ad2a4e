import type { Io } from "../io.js";

/** What a command registration needs: the injected IO and where to put the exit code. */
export interface CommandContext {
  io: Io;
  setExit(code: number): void;
}

export const EXIT_CODES_HELP = (ok: string, rejected: string) => `
Exit codes:
  0  ${ok}
  1  ${rejected}
  2  could not run as asked (bad flag, missing or unreadable file)
  3  internal error (please report it)
`;
