import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Finding, finding } from "../core/finding.js";
import { shellArg } from "../core/shell-arg.js";
import { UsageError } from "./errors.js";

/** Reads `--key` and keeps only its public half; the private key never leaves this function. */
export async function loadLeafKey(cwd: string, file: string): Promise<KeyObject> {
  const text = await readInputFile(cwd, file, "--key");
  if (/ENCRYPTED/.test(text.toString("latin1")))
    throw new UsageError(
      `--key: ${file} is an encrypted private key. check does not ask for passphrases; omit --key, or compare with \`openssl pkey -in ${file} -pubout\` yourself.`,
    );
  try {
    return createPublicKey(createPrivateKey(text));
  } catch {
    throw new UsageError(`--key: ${file} holds no readable PEM private key.`);
  }
}

export async function readInputFile(cwd: string, file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, file));
  } catch (err) {
    throw new UsageError(`${what}: cannot read ${file}: ${describeFsError(err)}.`);
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return (err as Error).message;
}

/** `key.permissions`: a private key readable by group or others (POSIX only; Windows has no such bits). */
export async function keyPermissionFinding(cwd: string, file: string): Promise<Finding | undefined> {
  if (process.platform === "win32") return undefined;
  const { stat } = await import("node:fs/promises");
  const mode = (await stat(resolve(cwd, file))).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  return finding("key.permissions", {
    message: `The private key ${file} is readable by ${mode & 0o070 ? "its group" : ""}${mode & 0o070 && mode & 0o007 ? " and " : ""}${mode & 0o007 ? "everyone" : ""} (mode ${mode.toString(8).padStart(3, "0")}).`,
    hint: `Restrict it to its owner: chmod 600 ${shellArg(file)}`,
  });
}
