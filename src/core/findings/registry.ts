import { CA_FINDINGS, CA_TEXTS } from "./ca.js";
import { CERT_FINDINGS, CERT_TEXTS } from "./cert.js";
import { CHAIN_FINDINGS, CHAIN_TEXTS } from "./chain.js";
import type { FindingDefinition, FindingEntry, FindingTexts, GroupTexts } from "./definition.js";
import { FINDING_GROUPS, type FindingId } from "./groups.js";
import { ISSUER_FINDINGS, ISSUER_TEXTS } from "./issuer.js";
import { KEY_FINDINGS, KEY_TEXTS } from "./key.js";
import { LEAF_FINDINGS, LEAF_TEXTS } from "./leaf.js";
import { PROBE_FINDINGS, PROBE_TEXTS } from "./probe.js";
import { READ_FINDINGS, READ_TEXTS } from "./read.js";
import { REGISTRATION_FINDINGS, REGISTRATION_TEXTS } from "./registration.js";
import { REVOCATION_FINDINGS, REVOCATION_TEXTS } from "./revocation.js";
import { SECRET_FINDINGS, SECRET_TEXTS } from "./secret.js";
import { SIGNATURE_FINDINGS, SIGNATURE_TEXTS } from "./signature.js";
import { VALIDITY_FINDINGS, VALIDITY_TEXTS } from "./validity.js";

export type { ContextualId, FindingId } from "./groups.js";

// Each group's texts function, by the group it describes (a group's file writes both). Paired through `texts`,
// so a group given another group's texts does not compile.
const texts = <D extends object>(group: D, of: () => GroupTexts<D>) => [group, of] as const;
const TEXTS = new Map<object, () => Record<string, FindingTexts>>([
  texts(READ_FINDINGS, READ_TEXTS),
  texts(SECRET_FINDINGS, SECRET_TEXTS),
  texts(CHAIN_FINDINGS, CHAIN_TEXTS),
  texts(LEAF_FINDINGS, LEAF_TEXTS),
  texts(CA_FINDINGS, CA_TEXTS),
  texts(CERT_FINDINGS, CERT_TEXTS),
  texts(SIGNATURE_FINDINGS, SIGNATURE_TEXTS),
  texts(PROBE_FINDINGS, PROBE_TEXTS),
  texts(REVOCATION_FINDINGS, REVOCATION_TEXTS),
  texts(KEY_FINDINGS, KEY_TEXTS),
  texts(VALIDITY_FINDINGS, VALIDITY_TEXTS),
  texts(ISSUER_FINDINGS, ISSUER_TEXTS),
  texts(REGISTRATION_FINDINGS, REGISTRATION_TEXTS),
]);

/**
 * Every finding id the tool can emit, with its one definition. The order is the order of docs/findings.md
 * (its summary tables within each group, and its reference).
 */
export const FINDINGS = Object.fromEntries(FINDING_GROUPS.flatMap(withTexts)) as Record<FindingId, FindingDefinition>;

/** A group's entries with their texts: severity and escalation first, in the order the group's file writes them. */
function withTexts(group: Record<string, FindingEntry>): [string, FindingDefinition][] {
  const texts = TEXTS.get(group);
  if (!texts) throw new Error(`finding registry: a group of ${Object.keys(group)} has no texts`);
  const all = texts();
  return Object.entries(group).map(([id, entry]) => [id, { ...entry, ...all[id] }]);
}

export const FINDING_IDS = Object.keys(FINDINGS) as FindingId[];
