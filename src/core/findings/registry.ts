import type { FindingDefinition, FindingEntry } from "./definition.js";
import { FINDING_GROUPS, type FindingId } from "./groups.js";

export type { ContextualId, FindingId } from "./groups.js";

/**
 * Every finding id the tool can emit, with its one definition. The order is the order of docs/findings.md
 * (its summary tables within each group, and its reference).
 */
export const FINDINGS = Object.fromEntries(
  FINDING_GROUPS.flatMap((group) => Object.entries(group)).map(([id, entry]) => [id, definition(entry)]),
) as Record<FindingId, FindingDefinition>;

/** An entry with its texts: severity and escalation first, in the order the group's file writes them. */
function definition({ texts, ...run }: FindingEntry): FindingDefinition {
  return { ...run, ...texts() };
}

export const FINDING_IDS = Object.keys(FINDINGS) as FindingId[];
