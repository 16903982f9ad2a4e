import { LIMITS } from "../core/limits.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { readOptionFile } from "./options.js";
import { canPrompt, firstLine, promptHidden } from "./password.js";

/** The DevApp ClientSecret: a file, CONNECTPAY_CLIENT_SECRET, or a hidden prompt. Never a flag value. */
export async function readClientSecret(file: string | undefined, io: Io): Promise<string> {
  if (file) {
    // A regular file, never through a symbolic link: a link to /etc/shadow must not become the secret.
    const bytes = await readOptionFile(io.cwd, file, "--client-secret-file", LIMITS.maxSmallFileBytes, {
      noFollow: true,
    });
    const text = firstLine(bytes.toString("utf8"));
    if (text) return text;
    throw new UsageError(`--client-secret-file: ${file} is empty (the secret is its first line).`);
  }
  const fromEnv = io.env.CONNECTPAY_CLIENT_SECRET;
  if (fromEnv) return fromEnv;
  if (canPrompt(io)) return promptHidden("DevApp ClientSecret: ", io);
  throw new UsageError(
    "no ClientSecret available: set CONNECTPAY_CLIENT_SECRET or use --client-secret-file FILE (there is no flag for the secret itself: it would show in the process list).",
  );
}
