import { unknownCriticalFinding } from "../findings/cert.js";
import { OID } from "../x509/oids.js";
import { certAt, type Rule } from "./rule.js";

// Extensions we process. The four policy extensions are processed by chain.policy (RFC 5280 §6.1).
// Anything else that is critical fails closed.
const RECOGNISED = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectAltName,
  OID.certificatePolicies,
  OID.authorityInfoAccess,
  OID.crlDistributionPoints,
  OID.nameConstraints, // evaluated by ca.name-constraints
  OID.policyMappings,
  OID.policyConstraints,
  OID.inhibitAnyPolicy,
]);

// Key identifiers we read, but OpenSSL (the gateway's verifier) does not handle as critical extensions: it
// refuses a certificate that marks either critical ("unhandled critical extension"), so we do too.
const OPENSSL_UNHANDLED = new Set<string>([OID.subjectKeyId, OID.authorityKeyId]);

// Names for the message; any other OID is shown as it is.
const NAMES: Record<string, string> = Object.fromEntries(
  (["nameConstraints", "subjectKeyId", "authorityKeyId"] as const).map((n) => [OID[n], n]),
);

export const certUnknownCriticalExtension: Rule = {
  ids: ["cert.unknown-critical-extension"],
  check(ctx) {
    const out = [];
    for (const i of ctx.chain.path) {
      for (const ext of ctx.entries[i].cert.extensions) {
        if (!ext.critical || RECOGNISED.has(ext.oid)) continue;
        const name = NAMES[ext.oid] ?? `extension ${ext.oid}`;
        out.push(unknownCriticalFinding(certAt(ctx, i), name, OPENSSL_UNHANDLED.has(ext.oid)));
      }
    }
    return out;
  },
};
