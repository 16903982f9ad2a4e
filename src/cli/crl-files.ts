import { CrlError } from "../core/revocation/crl.js";
import { mergeCrlFiles, readCrlFile } from "../core/revocation/crl-files.js";
import type { OfflineCrls } from "../core/revocation/plan.js";
import { UsageError } from "./errors.js";
import { readOptionFile } from "./options.js";

/** CRLs of large CAs run to megabytes, as fetched ones may (revocation-fetch.ts). */
const MAX_CRL_FILE = 10 * 1024 * 1024;

/** `--crl-file` (repeatable); undefined when none was given. A file that holds no CRL is a usage error. */
export async function readCrlFiles(cwd: string, files: string[] | undefined): Promise<OfflineCrls | undefined> {
  if (!files?.length) return undefined;
  const read: OfflineCrls[] = [];
  for (const file of files) {
    const bytes = await readOptionFile(cwd, file, "--crl-file", MAX_CRL_FILE);
    try {
      read.push(readCrlFile(bytes, file));
    } catch (err) {
      if (err instanceof CrlError) throw new UsageError(`--crl-file: ${file}: ${err.message}.`);
      throw err;
    }
  }
  return mergeCrlFiles(read);
}
