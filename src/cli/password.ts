import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

export interface PasswordFlags {
  passwordEnv?: string;
  passwordFile?: string;
}

/** A PKCS#12 password from an environment variable, a file, or a hidden prompt; never from a flag value. */
export async function readPassword(flags: PasswordFlags, io: Io): Promise<string> {
  if (flags.passwordEnv) {
    const value = io.env[flags.passwordEnv];
    if (value === undefined) throw new UsageError(`--password-env: the variable ${flags.passwordEnv} is not set.`);
    return value;
  }
  if (flags.passwordFile) {
    try {
      return (await readFile(resolve(io.cwd, flags.passwordFile), "utf8")).replace(/\r?\n$/, "");
    } catch {
      throw new UsageError(`--password-file: cannot read ${flags.passwordFile}.`);
    }
  }
  if (io.stdinIsTTY && io.stderrIsTTY) return promptHidden("PKCS#12 password: ");
  throw new UsageError("this PKCS#12 file needs its password: use --password-env VAR or --password-file FILE.");
}

export function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const mutable = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write(question);
  mutable._writeToOutput = () => {};
  return new Promise((done) =>
    rl.question("", (answer) => {
      rl.close();
      process.stderr.write("\n");
      done(answer);
    }),
  );
}
