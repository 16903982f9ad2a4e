import type { FindingDefinition } from "./definition.js";
import { type AllFindings, FINDING_GROUPS, type FindingId } from "./groups.js";

export type { ContextualId, FindingId } from "./groups.js";
export { definitionOf, isFindingId } from "./groups.js";

/**
 * Every finding id the tool can emit, with its one definition. The order is the order of docs/findings.md
 * (its summary tables within each group, and its reference).
 */
export const FINDINGS: AllFindings & Record<FindingId, FindingDefinition> = Object.assign({}, ...FINDING_GROUPS);

export const FINDING_IDS = Object.keys(FINDINGS) as FindingId[];
