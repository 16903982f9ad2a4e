import type { FindingSwitches } from "../../../core/verdict/findings-config.js";
import { DEFAULT_CONFIG, readConfigFile } from "../../config-file.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";

/**
 * check's part of the config file probe reads (same file, same default, same --config flag, and the same
 * checks: bounded, regular file only, and a file found in the current folder must be the user's own and
 * not writable by others, since a planted one could silence findings): the per-finding switches.
 */
export async function readFindingSwitches(
  flag: string | undefined,
  io: Io,
): Promise<{ file?: string; switches: FindingSwitches }> {
  const text = await readConfigFile(flag, io);
  if (text === undefined) return { switches: {} };
  const file = flag ?? DEFAULT_CONFIG;
  // The config parser and the table of every finding id load only when there is a config file to read.
  const [{ ConfigError, parseConfigFile }, { parseFindingSwitches }] = await Promise.all([
    import("../../../core/probe/config.js"),
    import("../../../core/verdict/findings-config.js"),
  ]);
  try {
    return { file, switches: parseFindingSwitches(file, parseConfigFile(file, text).findings) };
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
