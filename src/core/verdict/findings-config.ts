// A repository's own grading of findings: `"findings": { "root.not-publicly-trusted": "off" }` in the
// config file. "off" silences a finding, a severity re-grades it; verdict.ts applies them, and marks what
// they keep from failing the run, so the report shows it.

import type { Severity } from "../findings/finding.js";
import { isFindingId } from "../findings/groups.js";
import { ConfigError } from "../probe/config.js";

export type FindingSwitch = Severity | "off";
export type FindingSwitches = Record<string, FindingSwitch>;

const VALUES = ["off", "error", "warning", "info"];

/** Findings that say an input was not judged at all: a pass can never rest on switching them off. */
const NOT_SWITCHABLE = new Set(["input.unreadable"]);

/** Validates the `findings` field; every message names the file and the finding id. */
export function parseFindingSwitches(name: string, value: unknown): FindingSwitches {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ConfigError(`${name}: field "findings" must be an object of finding id → ${VALUES.join(" | ")}.`);
  for (const [id, setting] of Object.entries(value)) {
    if (!isFindingId(id))
      throw new ConfigError(
        `${name}: "findings" names "${id}", which is no finding id ("connectpay-cert explain" lists them all).`,
      );
    if (NOT_SWITCHABLE.has(id))
      throw new ConfigError(`${name}: "findings"."${id}" cannot be switched: it means the input was not read at all.`);
    if (typeof setting !== "string" || !VALUES.includes(setting))
      throw new ConfigError(`${name}: "findings"."${id}" must be one of ${VALUES.join(", ")}.`);
  }
  return value as FindingSwitches;
}
