import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { KeyFileError, type KeyProtection, kdfRefusal, keyProtection } from "../core/input/encrypted-key.js";
import { shellArg } from "../core/input/shell-arg.js";
import { DerError } from "../core/x509/der.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { readOptionFile } from "./options.js";
import { type PasswordFlags, readPassword } from "./password.js";

/**
 * A PEM private key named by `flag` (`--key`), plain or encrypted (PKCS#8 or the traditional OpenSSL form).
 * An encrypted key's passphrase comes from --password-env, --password-file or a hidden prompt, never a flag
 * value; it is used for this one decryption and not kept. The key-derivation cost is checked first.
 */
export async function readPrivateKey(
  file: string,
  flag: string,
  flags: PasswordFlags,
  io: Io,
): Promise<{ key: KeyObject; encrypted: boolean }> {
  const bytes = await readOptionFile(io.cwd, file, flag);
  const protection = protectionOf(bytes.toString("latin1"), file, flag);
  // Only the block that was measured goes to OpenSSL, re-encoded from the bytes that were read.
  const pem = protection.pem;
  if (protection.kind === "none") {
    try {
      return { key: createPrivateKey(pem), encrypted: false };
    } catch {
      throw new UsageError(`${flag}: ${file} holds no readable PEM private key.`);
    }
  }
  const refusal = protection.kind === "pkcs8" ? kdfRefusal(protection.kdf) : undefined;
  if (refusal)
    throw new UsageError(
      `${flag}: ${file} is not decrypted: ${refusal}. Re-encrypt it with usual settings: openssl pkcs8 -topk8 -v2 aes-256-cbc -in ${shellArg(file)} -out new.key`,
    );
  const passphrase = await readPassword(flags, io, "private key", file);
  try {
    return { key: createPrivateKey({ key: pem, format: "pem", passphrase }), encrypted: true };
  } catch {
    throw new UsageError(`${flag}: the passphrase does not decrypt ${file} (or the key inside is damaged).`);
  }
}

/** The public half of `--key`, for comparing with the leaf; the private key does not leave this function. */
export async function loadLeafKey(file: string, flags: PasswordFlags, io: Io): Promise<KeyObject> {
  return createPublicKey((await readPrivateKey(file, "--key", flags, io)).key);
}

function protectionOf(text: string, file: string, flag: string): KeyProtection {
  try {
    return keyProtection(text);
  } catch (err) {
    if (err instanceof KeyFileError) throw new UsageError(`${flag}: ${file} ${err.message}.`);
    if (err instanceof DerError)
      throw new UsageError(
        `${flag}: ${file} holds an encrypted private key whose header cannot be read (${err.message}).`,
      );
    throw err;
  }
}
