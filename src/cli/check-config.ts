import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type FindingSwitches, parseFindingSwitches } from "../core/findings-config.js";
import { ConfigError, parseConfigFile } from "../core/probe/config.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

export const DEFAULT_CONFIG = "connectpay-cert.config.json";

/**
 * check's part of the config file probe reads (same file, same default, same --config flag): the
 * per-finding switches. Kept apart from reading so the file checks of config loading can wrap it.
 */
export async function readFindingSwitches(
  flag: string | undefined,
  io: Io,
): Promise<{ file?: string; switches: FindingSwitches }> {
  const file = flag ?? (existsSync(resolve(io.cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined);
  if (!file) return { switches: {} };
  try {
    const text = await readFile(resolve(io.cwd, file), "utf8").catch(() => {
      throw new ConfigError(`--config: cannot read ${file}.`);
    });
    return { file, switches: parseFindingSwitches(file, parseConfigFile(file, text).findings) };
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
