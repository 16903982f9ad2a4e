import { type Stats, statSync } from "node:fs";
import { resolve } from "node:path";
import { LIMITS } from "../core/limits.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { describeFsError } from "./options.js";
import { readBoundedFile } from "./read-bounded.js";

export const DEFAULT_CONFIG = "connectpay-cert.config.json";

/**
 * `--config FILE`, or `./connectpay-cert.config.json` when present. The implicit file is only trusted when
 * it is the user's own and nobody else can write it: a file planted in a shared or cloned folder must not
 * choose where the ClientSecret goes: a planted file must not send it elsewhere. Returns undefined when there is no config file.
 */
export async function readConfigFile(explicit: string | undefined, io: Io): Promise<string | undefined> {
  const file = explicit ?? DEFAULT_CONFIG;
  const flag = explicit ? "--config" : "config file";
  const path = resolve(io.cwd, file);
  // Most folders have no config file: asking first spares every such run a thrown ENOENT and a rejected
  // promise (~0.4 ms of a cold check). Anything but "absent" is left to the read, which says what it is.
  if (!explicit && absent(path)) return undefined;
  let read: Awaited<ReturnType<typeof readBoundedFile>>;
  try {
    read = await readBoundedFile(path, LIMITS.maxSmallFileBytes);
  } catch (err) {
    if (!explicit && (err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`${flag}: cannot read ${file}: ${describeFsError(err)}.`);
  }
  if (read.bytes.length > LIMITS.maxSmallFileBytes)
    throw new UsageError(`${flag}: ${file} is larger than ${LIMITS.maxSmallFileBytes} bytes, the limit.`);
  const distrust = explicit ? undefined : untrusted(read.stat);
  if (distrust)
    throw new UsageError(
      `${flag}: ${file} in the current folder is refused: ${distrust}. A planted file could send your ClientSecret elsewhere or silence findings; if it is yours, \`chmod go-w ${file}\`, or pass it with --config.`,
    );
  return read.bytes.toString("utf8");
}

function absent(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

function untrusted(st: Stats): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  if (st.uid !== uid) return `it belongs to user id ${st.uid}, not to you (${uid})`;
  if (st.mode & 0o022)
    return `it is writable by ${st.mode & 0o020 ? "its group" : "others"} (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}
