// What the cli observes about an input besides its bytes (a file's mode bits, a read error, what a scan
// found, the revocation answers) comes here as data, and is turned into findings in one place: the cli
// observes, core judges.

import type { Finding } from "../findings/finding.js";
import { keyPermissionsFinding, secretPermissionsFinding } from "../findings/key.js";
import { keyFileFinding, unreadableFinding } from "../findings/read.js";

export { keyFileFinding, unreadableFinding };

/** The permission bits of a file that holds a secret (`--key`, `--client-secret-file`, a key file a scan met). */
export interface FileMode {
  file: string;
  /** `stat().mode & 0o777`; undefined where the system has no such bits (Windows) */
  mode?: number;
}

/** `key.permissions`: a private key readable by group or others. */
export function keyPermissionFinding(observed: FileMode): Finding | undefined {
  const loose = looseMode(observed.mode);
  return loose === undefined ? undefined : keyPermissionsFinding(observed.file, loose);
}

/** `secret.permissions`: the same check for the ClientSecret file. */
export function secretPermissionFinding(observed: FileMode): Finding | undefined {
  const loose = looseMode(observed.mode);
  return loose === undefined ? undefined : secretPermissionsFinding(observed.file, loose);
}

/** The mode when group or others may read the file; undefined when only its owner may (or nothing is known). */
function looseMode(mode: number | undefined): number | undefined {
  if (mode === undefined) return undefined;
  const bits = mode & 0o777;
  return (bits & 0o077) === 0 ? undefined : bits;
}
