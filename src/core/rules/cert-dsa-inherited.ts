import { finding } from "../findings/finding.js";
import { describeCert, type Rule } from "./rule.js";

/** A DSA key without its own parameters (RFC 3279 §2.3.2) is well-formed DER, but refused by policy. */
export const certDsaInherited: Rule = {
  ids: ["cert.dsa-inherited-parameters"],
  check(ctx) {
    return ctx.entries
      .filter((e) => !ctx.chain.duplicates.has(e.index) && e.cert.key.inheritedParameters)
      .map((e) =>
        finding("cert.dsa-inherited-parameters", {
          message: `${describeCert(ctx, e.index)} has a DSA key whose parameters are inherited from its issuer (RFC 3279 §2.3.2): refused by policy, since no TLS stack can use the key on its own and TLS 1.3 has no DSA.`,
          certificate: e.index,
          hint: "Have the certificate reissued for an EC (P-256) or RSA (2048+) key.",
        }),
      );
  },
};
