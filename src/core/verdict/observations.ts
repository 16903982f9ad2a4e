// What the cli observes about an input besides its bytes (a file's mode bits, a read error, what a scan
// found, the revocation answers) comes here as data, and is turned into findings in one place: the cli
// observes, core judges.

import { type Finding, finding } from "../findings/finding.js";
import { shellArg } from "../input/shell-arg.js";

/** The permission bits of a file that holds a secret (`--key`, `--client-secret-file`, a key file a scan met). */
export interface FileMode {
  file: string;
  /** `stat().mode & 0o777`; undefined where the system has no such bits (Windows) */
  mode?: number;
}

/** `key.permissions`: a private key readable by group or others. */
export function keyPermissionFinding(observed: FileMode): Finding | undefined {
  const loose = looseMode(observed.mode);
  return loose === undefined
    ? undefined
    : finding("key.permissions", permissionTexts("The private key", observed.file, loose));
}

/** `secret.permissions`: the same check for the ClientSecret file. */
export function secretPermissionFinding(observed: FileMode): Finding | undefined {
  const loose = looseMode(observed.mode);
  return loose === undefined
    ? undefined
    : finding("secret.permissions", permissionTexts("The ClientSecret file", observed.file, loose));
}

/** The mode when group or others may read the file; undefined when only its owner may (or nothing is known). */
function looseMode(mode: number | undefined): number | undefined {
  if (mode === undefined) return undefined;
  const bits = mode & 0o777;
  return (bits & 0o077) === 0 ? undefined : bits;
}

function permissionTexts(what: string, file: string, mode: number) {
  const group = mode & 0o070 ? "its group" : "";
  const others = mode & 0o007 ? "everyone" : "";
  return {
    message: `${what} ${file} is readable by ${[group, others].filter(Boolean).join(" and ")} (mode ${mode.toString(8).padStart(3, "0")}).`,
    hint: `Restrict it to its owner: chmod 600 ${shellArg(file)}`,
  };
}

/** `input.key-file`: a directory or glob scan met a file that holds only a private key. */
export function keyFileFinding(file: string): Finding {
  return finding("input.key-file", {
    message: `${file} is a key file (a private key only): only its permissions are checked.`,
    hint: "Never send it.",
  });
}

/** `input.unreadable`: the input could not be read; `error` says why (the cli's words for the read error). */
export function unreadableFinding(error: string): Finding {
  return finding("input.unreadable", { message: error, hint: "Check the path and its permissions." });
}
