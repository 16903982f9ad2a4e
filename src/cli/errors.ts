/** The user asked for something we cannot do as asked: bad flag value, unreadable file. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export const EXIT = { ok: 0, rejected: 1, usage: 2, internal: 3 } as const;
