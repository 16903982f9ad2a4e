import { LIMITS } from "../core/limits.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { readOptionFile } from "./options.js";

export interface PasswordFlags {
  passwordEnv?: string;
  passwordFile?: string;
}

/** A PKCS#12 or keystore password from an environment variable, a file, or a hidden prompt; never a flag value. */
export async function readPassword(
  flags: PasswordFlags,
  io: Io,
  what: "PKCS#12" | "keystore" | "private key" = "PKCS#12",
  file?: string,
): Promise<string> {
  if (flags.passwordEnv) {
    const value = io.env[flags.passwordEnv];
    if (value === undefined) throw new UsageError(`--password-env: the variable ${flags.passwordEnv} is not set.`);
    return value;
  }
  if (flags.passwordFile) {
    const bytes = await readOptionFile(io.cwd, flags.passwordFile, "--password-file", LIMITS.maxSmallFileBytes);
    // The first line, as --help says: a note on a second line must not become part of the password.
    return firstLine(bytes.toString("utf8"));
  }
  if (canPrompt(io)) return promptHidden(PROMPTS[what](file), io);
  if (what === "private key")
    throw new UsageError(
      `--key: ${file} is encrypted: give its passphrase with --password-env VAR or --password-file FILE (or run at a terminal to be asked).`,
    );
  throw new UsageError(`this ${what} file needs its password: use --password-env VAR or --password-file FILE.`);
}

const PROMPTS = {
  "PKCS#12": () => "PKCS#12 password: ",
  keystore: () => "Keystore password: ",
  "private key": (file?: string) => `Passphrase for ${file ?? "the private key"}: `,
};

/** A hidden answer needs a person: a terminal on stdin and on stderr. */
export function canPrompt(io: Io): io is Io & { stdinStream: NodeJS.ReadableStream } {
  return io.stdinIsTTY && io.stderrIsTTY && io.stdinStream !== undefined;
}

/** Asks on stderr and reads one line from the terminal without echoing it. */
export async function promptHidden(question: string, io: Io & { stdinStream: NodeJS.ReadableStream }): Promise<string> {
  // Loaded here, not at start: readline and the stream behind terminalStream cost every run.
  const { createInterface } = await import("node:readline");
  const { terminalStream } = await import("./terminal-stream.js");
  const rl = createInterface({ input: io.stdinStream, output: terminalStream(io), terminal: true });
  const mutable = rl as unknown as { _writeToOutput: (s: string) => void };
  io.stderr(question);
  mutable._writeToOutput = () => {};
  return new Promise((done) =>
    rl.question("", (answer) => {
      rl.close();
      io.stderr("\n");
      done(answer);
    }),
  );
}

/** Only the first line, without its line ending: a trailing note or a second line is never sent. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0];
}
