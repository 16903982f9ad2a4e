import { caEku } from "./ca-eku.js";
import { caKeyUsage } from "./ca-key-usage.js";
import { caNameConstraints } from "./ca-name-constraints.js";
import { caNotCa } from "./ca-not-ca.js";
import { caPathLength } from "./ca-path-length.js";
import { certDsaInherited } from "./cert-dsa-inherited.js";
import { certDuplicateExtension } from "./cert-duplicate-extension.js";
import { certProfile } from "./cert-profile.js";
import { certUnknownCriticalExtension } from "./cert-unknown-critical-extension.js";
import { chainAlternatePath } from "./chain-alternate-path.js";
import { chainDuplicate } from "./chain-duplicate.js";
import { chainIncomplete } from "./chain-incomplete.js";
import { chainMisordered } from "./chain-misordered.js";
import { chainMultipleLeaves } from "./chain-multiple-leaves.js";
import { chainNoIntermediate } from "./chain-no-intermediate.js";
import { chainNoLeaf } from "./chain-no-leaf.js";
import { chainPolicy } from "./chain-policy.js";
import { chainReversed } from "./chain-reversed.js";
import { chainUnrelated } from "./chain-unrelated.js";
import { chainUntrustedRoot } from "./chain-untrusted-root.js";
import { keyMismatch } from "./key-mismatch.js";
import { keyRsaExponent } from "./key-rsa-exponent.js";
import { keyWeak } from "./key-weak.js";
import { leafClientAuth } from "./leaf-client-auth.js";
import { leafIsCa } from "./leaf-is-ca.js";
import { leafKeyUsage } from "./leaf-key-usage.js";
import { leafNoCommonName } from "./leaf-no-common-name.js";
import { leafSelfSigned } from "./leaf-self-signed.js";
import { policyIssuerNotAccepted } from "./policy-issuer-not-accepted.js";
import { registrationChanged } from "./registration-changed.js";
import { revocationNoResponder } from "./revocation-no-responder.js";
import { rootNotPubliclyTrusted } from "./root-not-publicly-trusted.js";
import type { Rule } from "./rule.js";
import { signatureInvalid } from "./signature-invalid.js";
import { signatureWeakAlgorithm } from "./signature-weak-algorithm.js";
import { validityExpired } from "./validity-expired.js";
import { validityExpiringSoon } from "./validity-expiring-soon.js";
import { validityNotYetValid } from "./validity-not-yet-valid.js";

/**
 * Every bundle check, in report order (findings made while reading the input come first). Adding a rule: its
 * ids' definitions and message builders in its group's file under src/core/findings/ (with `exampleFrom`, the
 * fixture that prints the example), one file here that calls the builders, a fixture, a test in
 * test/core/findings/, then `npm run docs`.
 */
export const RULES: Rule[] = [
  chainReversed,
  chainMisordered,
  chainIncomplete,
  chainUntrustedRoot,
  chainUnrelated,
  chainAlternatePath,
  chainMultipleLeaves,
  chainDuplicate,
  chainNoIntermediate,
  chainNoLeaf,
  leafSelfSigned,
  leafClientAuth,
  leafKeyUsage,
  leafIsCa,
  leafNoCommonName,
  caNotCa,
  caKeyUsage,
  caEku,
  caPathLength,
  caNameConstraints,
  chainPolicy,
  certUnknownCriticalExtension,
  certDuplicateExtension,
  certProfile,
  certDsaInherited,
  signatureInvalid,
  signatureWeakAlgorithm,
  keyWeak,
  keyRsaExponent,
  keyMismatch,
  validityExpired,
  validityNotYetValid,
  validityExpiringSoon,
  policyIssuerNotAccepted,
  rootNotPubliclyTrusted,
  registrationChanged,
  // Last: a note about where revocation is published, after everything that decides the chain itself.
  revocationNoResponder,
];
