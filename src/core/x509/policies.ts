// The four policy extensions of RFC 5280 (§4.2.1.4 certificatePolicies, §4.2.1.5 policyMappings,
// §4.2.1.11 policyConstraints, §4.2.1.14 inhibitAnyPolicy), read into the inputs of §6.1 policy processing.
// Qualifiers are not read: with the initial policy set anyPolicy they change no verdict.
import type { Certificate } from "./certificate.js";
import { children, content, DerError, decodeOid, readTlv, type Tlv } from "./der.js";
import { OID } from "./oids.js";

export const ANY_POLICY = "2.5.29.32.0";

/** More than any real certificate holds; bounds policy processing (src/core/chain/policy.ts). */
const MAX_ENTRIES = 64;

export interface CertPolicies {
  /** the policy OIDs asserted; undefined when the certificate has no certificatePolicies */
  policies?: string[];
  /** issuerDomainPolicy → subjectDomainPolicy pairs */
  mappings: [issuer: string, subject: string][];
  requireExplicitPolicy?: number;
  inhibitPolicyMapping?: number;
  inhibitAnyPolicy?: number;
}

export class PolicyExtensionError extends Error {}

/** A small non-negative INTEGER (SkipCerts); content is the value's bytes. */
function skipCerts(bytes: Uint8Array): number {
  if (bytes.length === 0 || bytes.length > 4 || bytes[0] & 0x80) throw new DerError("SkipCerts out of range");
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

function sequenceOf(buf: Uint8Array): Tlv[] {
  const top = readTlv(buf, 0);
  if (top.tag !== 0x30 || top.end !== buf.length) throw new DerError("not one SEQUENCE");
  const items = children(buf, top);
  if (items.length > MAX_ENTRIES) throw new DerError(`more than ${MAX_ENTRIES} entries`);
  return items;
}

const oidAt = (buf: Uint8Array, tlv: Tlv | undefined) => {
  if (tlv?.tag !== 0x06) throw new DerError("expected an OBJECT IDENTIFIER");
  return decodeOid(content(buf, tlv));
};

function readPolicies(buf: Uint8Array): string[] {
  const oids = sequenceOf(buf).map((info) => oidAt(buf, children(buf, info)[0]));
  if (oids.length === 0) throw new DerError("no policy");
  if (new Set(oids).size !== oids.length) throw new DerError("a policy appears twice (§4.2.1.4)");
  return oids;
}

function readMappings(buf: Uint8Array): [string, string][] {
  const pairs = sequenceOf(buf).map((m): [string, string] => {
    const [a, b] = children(buf, m);
    return [oidAt(buf, a), oidAt(buf, b)];
  });
  if (pairs.length === 0) throw new DerError("no mapping");
  return pairs;
}

function readConstraints(buf: Uint8Array, out: CertPolicies): void {
  const fields = sequenceOf(buf);
  for (const f of fields) {
    if (f.tag === 0x80) out.requireExplicitPolicy = skipCerts(content(buf, f));
    else if (f.tag === 0x81) out.inhibitPolicyMapping = skipCerts(content(buf, f));
    else throw new DerError("unexpected field");
  }
  // §4.2.1.11: "Conforming CAs MUST NOT issue certificates where policyConstraints is an empty sequence."
  if (fields.length === 0) throw new DerError("empty sequence");
}

function readInhibitAny(buf: Uint8Array): number {
  const t = readTlv(buf, 0);
  if (t.tag !== 0x02 || t.end !== buf.length) throw new DerError("not one INTEGER");
  return skipCerts(content(buf, t));
}

/** The certificate's policy inputs; throws PolicyExtensionError naming the extension that does not read. */
export function certPolicies(cert: Certificate): CertPolicies {
  const out: CertPolicies = { mappings: [] };
  const readers: Record<string, [string, (v: Uint8Array) => void]> = {
    [OID.certificatePolicies]: ["certificatePolicies", (v) => (out.policies = readPolicies(v))],
    [OID.policyMappings]: ["policyMappings", (v) => (out.mappings = readMappings(v))],
    [OID.policyConstraints]: ["policyConstraints", (v) => readConstraints(v, out)],
    [OID.inhibitAnyPolicy]: ["inhibitAnyPolicy", (v) => (out.inhibitAnyPolicy = readInhibitAny(v))],
  };
  for (const ext of cert.extensions) {
    const reader = readers[ext.oid];
    if (!reader) continue;
    try {
      reader[1](ext.value);
    } catch (err) {
      throw new PolicyExtensionError(`its ${reader[0]} extension does not read (${(err as Error).message})`);
    }
  }
  return out;
}
