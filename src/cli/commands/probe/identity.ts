import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { decodeAny } from "../../../core/input/decode-any.js";
import { DecodeError, PasswordError } from "../../../core/input/decode-errors.js";
import { toPem } from "../../../core/input/pem.js";
import { keysFromPkcs12 } from "../../../core/input/pkcs7.js";
import { readBlocks } from "../../../core/input/read-blocks.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { readInputFile } from "../../options.js";
import { type PasswordFlags, readPassword } from "../../password.js";
import { readPrivateKey } from "../../private-key.js";

/** The client identity probe presents: the bundle as PEM, the key, and the file that holds the key. */
export interface ProbeIdentity {
  bundle: Buffer;
  keyPem: string;
  leafKey: KeyObject;
  keyFile: string;
}

/**
 * `--cert` as users have it: a PEM bundle with `--key`, or a .p12 holding both, opened with the password
 * flow `fix` uses (environment variable, file or hidden prompt; never a flag value).
 */
export async function readProbeIdentity(
  flags: PasswordFlags & { cert: string; key?: string },
  io: Io,
): Promise<ProbeIdentity> {
  const bytes = await readInputFile(io.cwd, flags.cert, "--cert");
  if (readBlocks(bytes, { mode: "lenient" }).source !== "pkcs12") {
    if (!flags.key) throw new UsageError("probe needs --key <key> with a PEM --cert.");
    return pemIdentity(bytes, flags.key, flags, io);
  }
  const password = await readPassword(flags, io);
  try {
    const certs = (await decodeAny(bytes, async () => password)).certs;
    const bundle = Buffer.from(certs.map((c) => toPem(c.der)).join(""));
    if (flags.key) return { ...(await pemIdentity(bundle, flags.key, flags, io)), bundle };
    return { bundle, keyFile: flags.cert, ...onlyKey(await keysFromPkcs12(bytes, password), flags.cert) };
  } catch (err) {
    if (err instanceof PasswordError) throw new UsageError(`--cert: ${err.message}.`);
    if (err instanceof DecodeError) throw new UsageError(`--cert: ${flags.cert}: ${err.message}.`);
    throw err;
  }
}

/** An encrypted key is decrypted once, in memory: the TLS context gets the plain PKCS#8, never a file. */
async function pemIdentity(bundle: Buffer, keyFile: string, flags: PasswordFlags, io: Io): Promise<ProbeIdentity> {
  const { key } = await readPrivateKey(keyFile, "--key", flags, io);
  const keyPem = key.export({ type: "pkcs8", format: "pem" }).toString();
  return { bundle, keyPem, leafKey: createPublicKey(key), keyFile };
}

function onlyKey(keys: Buffer[], file: string): { keyPem: string; leafKey: KeyObject } {
  if (keys.length !== 1)
    throw new UsageError(`--cert: ${file} holds ${keys.length} private keys, not one: give the leaf's with --key.`);
  const key = createPrivateKey({ key: keys[0], format: "der", type: "pkcs8" });
  return { keyPem: key.export({ type: "pkcs8", format: "pem" }).toString(), leafKey: createPublicKey(key) };
}
