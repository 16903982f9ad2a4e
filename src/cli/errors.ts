/** The user asked for something we cannot do as asked: bad flag value, unreadable file. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * The report could not be written to standard output (a full disk, an I/O error): exit 2, as a file
 * that cannot be written is. Not a UsageError, which the input readers turn into an unreadable input.
 */
export class WriteError extends Error {
  readonly exitCode = 2;
}

export const EXIT = { ok: 0, rejected: 1, usage: 2, internal: 3 } as const;
