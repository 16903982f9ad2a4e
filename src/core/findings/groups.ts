import { CA_FINDINGS } from "./ca.js";
import { CERT_FINDINGS } from "./cert.js";
import { CHAIN_FINDINGS } from "./chain.js";
import type { FindingEntry } from "./definition.js";
import { ISSUER_FINDINGS } from "./issuer.js";
import { KEY_FINDINGS } from "./key.js";
import { LEAF_FINDINGS } from "./leaf.js";
import { PROBE_FINDINGS } from "./probe.js";
import { READ_FINDINGS } from "./read.js";
import { REGISTRATION_FINDINGS } from "./registration.js";
import { REVOCATION_FINDINGS } from "./revocation.js";
import { SECRET_FINDINGS } from "./secret.js";
import { SIGNATURE_FINDINGS } from "./signature.js";
import { VALIDITY_FINDINGS } from "./validity.js";

/**
 * Every finding group's definitions, in the order of docs/findings.md (its summary tables within each group,
 * and its reference). A run looks ids up here, group by group: the one table of them all (registry.ts) is
 * built only for what lists every id (docs, `explain`, SARIF), since building it cost each cold `check`
 * ~34 kB of young heap.
 */
export const FINDING_GROUPS = [
  READ_FINDINGS,
  SECRET_FINDINGS,
  CHAIN_FINDINGS,
  LEAF_FINDINGS,
  CA_FINDINGS,
  CERT_FINDINGS,
  SIGNATURE_FINDINGS,
  PROBE_FINDINGS,
  REVOCATION_FINDINGS,
  KEY_FINDINGS,
  VALIDITY_FINDINGS,
  ISSUER_FINDINGS,
  REGISTRATION_FINDINGS,
] as const;

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every finding id's definition, as one type. */
export type AllFindings = Intersection<(typeof FINDING_GROUPS)[number]>;

export type FindingId = keyof AllFindings;

/** Ids whose severity depends on context (they have an `escalation`); only these take a severity override. */
export type ContextualId = {
  [K in FindingId]: AllFindings[K] extends { escalation: object } ? K : never;
}[FindingId];

const groupOf = (id: string) => FINDING_GROUPS.find((group) => Object.hasOwn(group, id));

export function definitionOf(id: FindingId): FindingEntry {
  return (groupOf(id) as Record<string, FindingEntry>)[id];
}

export function isFindingId(id: string): id is FindingId {
  return groupOf(id) !== undefined;
}
