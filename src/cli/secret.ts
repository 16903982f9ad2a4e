import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { canPrompt, promptHidden } from "./password.js";

/** The DevApp ClientSecret: a file, CONNECTPAY_CLIENT_SECRET, or a hidden prompt. Never a flag value. */
export async function readClientSecret(file: string | undefined, io: Io): Promise<string> {
  if (file) {
    try {
      const text = (await readFile(resolve(io.cwd, file), "utf8")).replace(/\r?\n$/, "");
      if (text) return text;
    } catch {
      throw new UsageError(`--client-secret-file: cannot read ${file}.`);
    }
    throw new UsageError(`--client-secret-file: ${file} is empty.`);
  }
  const fromEnv = io.env.CONNECTPAY_CLIENT_SECRET;
  if (fromEnv) return fromEnv;
  if (canPrompt(io)) return promptHidden("DevApp ClientSecret: ", io);
  throw new UsageError(
    "no ClientSecret available: set CONNECTPAY_CLIENT_SECRET or use --client-secret-file FILE (there is no flag for the secret itself: it would show in the process list).",
  );
}
