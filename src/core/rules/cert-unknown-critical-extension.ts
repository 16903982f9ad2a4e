import { finding } from "../finding.js";
import { describeCert, type Rule } from "../rule.js";

// Extensions we process, or whose processing with default inputs accepts (certificatePolicies: no
// explicit policy is required, RFC 5280 §6.1.1 (e)-(g)). Anything else that is critical fails closed.
const RECOGNISED = new Set([
  "2.5.29.19", // basicConstraints
  "2.5.29.15", // keyUsage
  "2.5.29.37", // extKeyUsage
  "2.5.29.17", // subjectAltName
  "2.5.29.14", // subjectKeyIdentifier
  "2.5.29.35", // authorityKeyIdentifier
  "2.5.29.32", // certificatePolicies
  "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
  "2.5.29.31", // cRLDistributionPoints
  "2.5.29.30", // nameConstraints (ca.name-constraints)
]);

const NAMES: Record<string, string> = {
  "2.5.29.30": "nameConstraints",
  "2.5.29.36": "policyConstraints",
  "2.5.29.54": "inhibitAnyPolicy",
  "2.5.29.33": "policyMappings",
};

export const certUnknownCriticalExtension: Rule = {
  ids: ["cert.unknown-critical-extension"],
  check(ctx) {
    const out = [];
    for (const i of ctx.chain.path) {
      for (const ext of ctx.entries[i].cert.extensions) {
        if (!ext.critical || RECOGNISED.has(ext.oid)) continue;
        out.push(
          finding("cert.unknown-critical-extension", {
            message: `${describeCert(ctx, i)} has a critical ${NAMES[ext.oid] ?? `extension ${ext.oid}`} that connectpay-cert does not evaluate, so it cannot vouch for the chain; servers that do not understand it reject the certificate too.`,
            certificate: i,
            hint: "Check the chain with your CA; a critical extension the validator does not know makes the certificate unusable there.",
          }),
        );
      }
    }
    return out;
  },
};
