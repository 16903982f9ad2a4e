import { CA_FINDINGS } from "./ca.js";
import { CERT_FINDINGS } from "./cert.js";
import { CHAIN_FINDINGS } from "./chain.js";
import type { FindingDefinition } from "./definition.js";
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
 * Every finding id the tool can emit, with its one definition. The order is the order of docs/findings.md
 * (its summary tables within each group, and its reference).
 */
export const FINDINGS = {
  ...READ_FINDINGS,
  ...SECRET_FINDINGS,
  ...CHAIN_FINDINGS,
  ...LEAF_FINDINGS,
  ...CA_FINDINGS,
  ...CERT_FINDINGS,
  ...SIGNATURE_FINDINGS,
  ...PROBE_FINDINGS,
  ...REVOCATION_FINDINGS,
  ...KEY_FINDINGS,
  ...VALIDITY_FINDINGS,
  ...ISSUER_FINDINGS,
  ...REGISTRATION_FINDINGS,
} satisfies Record<string, FindingDefinition>;

export type FindingId = keyof typeof FINDINGS;

/** Ids whose severity depends on context (they have an `escalation`); only these take a severity override. */
export type ContextualId = {
  [K in FindingId]: (typeof FINDINGS)[K] extends { escalation: object } ? K : never;
}[FindingId];

export const FINDING_IDS = Object.keys(FINDINGS) as FindingId[];

export function definitionOf(id: FindingId): FindingDefinition {
  return FINDINGS[id];
}

export function isFindingId(id: string): id is FindingId {
  return Object.hasOwn(FINDINGS, id);
}
