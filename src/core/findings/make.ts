import type { FindingEntry } from "./definition.js";
import type { Finding, FindingFields, FindingId, Severity } from "./finding.js";

// Imports nothing at run time, so a group file can make its findings without importing the registry, which
// imports every group file (a cycle would leave a group's definitions unset while the registry is built).

type Definitions = Record<string, FindingEntry>;
type Contextual<D extends Definitions> = { [K in keyof D]: D[K] extends { escalation: object } ? K : never }[keyof D];
type Override<D extends Definitions, I extends keyof D> = I extends Contextual<D> ? [severity?: Severity] : [];

/**
 * The finding constructor of one group: `const finding = findingsOf(CA_FINDINGS)` in src/core/findings/ca.ts.
 * Only context-dependent ids (an `escalation`) take a severity, and only their base severity or the escalated one.
 */
export function findingsOf<D extends Definitions>(definitions: D) {
  return <I extends keyof D & FindingId>(id: I, fields: FindingFields, ...override: Override<D, I>): Finding =>
    make(id, definitions[id], fields, override[0]);
}

export function make(id: FindingId, def: FindingEntry, fields: FindingFields, severity = def.severity): Finding {
  if (severity !== def.severity && severity !== def.escalation?.severity)
    throw new Error(`${id} cannot be ${severity}: its definition allows ${def.severity}`);
  // Key order is the JSON contract's order: id, severity, message, certificate, hint, line.
  const out: Finding = { id, severity, message: fields.message };
  if (fields.certificate !== undefined) out.certificate = fields.certificate;
  if (fields.hint !== undefined) out.hint = fields.hint;
  if (fields.line !== undefined) out.line = fields.line;
  return out;
}
