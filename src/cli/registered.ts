import { registeredLeaf } from "../core/registration.js";
import type { Certificate } from "../core/x509/certificate.js";
import { UsageError } from "./errors.js";
import { readInputFile } from "./options.js";

/** `--registered <pem>`: the leaf of the chain ConnectPay has; unreadable is an error, never "nothing registered". */
export async function readRegistered(cwd: string, file: string): Promise<Certificate> {
  const bytes = await readInputFile(cwd, file, "--registered");
  const leaf = registeredLeaf(bytes, file);
  if (!leaf) throw new UsageError(`--registered: ${file} holds no readable PEM certificate.`);
  return leaf;
}
