import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** Signatures between the certificates of the chain. */
export const SIGNATURE_FINDINGS = {
  "signature.invalid": { severity: "error" },
  "signature.weak-algorithm": { severity: "error" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of SIGNATURE_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
export const SIGNATURE_TEXTS = (): GroupTexts<typeof SIGNATURE_FINDINGS> => ({
  "signature.invalid": {
    title: "Signature does not verify",
    summary: "a certificate names an issuer in the bundle but that issuer's key did not sign it",
    description: "A certificate names an issuer in the bundle, but that issuer's key did not sign it.",
    why: "ConnectPay's web server verifies every signature of the chain; a bad one fails the handshake.",
    fix: "download both again",
    source: "RFC 5280 §6.1.3 (a)(1)",
    example:
      "The signature on Certificate 1 (CN=payments.acme.example) does not verify with the key of its issuer, Certificate 2 (CN=Demo Issuing CA 1). The certificate was altered or belongs to a different (re-keyed) CA.",
    exampleFrom: { check: ["fixtures/signature/bad-signature.pem"] },
    group: "check",
  },
  "signature.weak-algorithm": {
    title: "Weak signature algorithm",
    summary: "MD5 or SHA-1 signature below the root",
    description: "An MD5 or SHA-1 signature on any certificate below the root.",
    why: "Current TLS stacks refuse MD5 and SHA-1 signatures, so the handshake with ConnectPay fails.",
    fix: "have it reissued with SHA-256+",
    source: "CA/Browser Forum Baseline Requirements §7.1.3.2; RFC 6151 (MD5), SHAttered (SHA-1)",
    example:
      "Certificate 1 (CN=payments.acme.example) is signed with ecdsa-with-SHA1, which is broken and refused by current TLS stacks.",
    exampleFrom: { check: ["fixtures/signature/sha1.pem"] },
    group: "check",
  },
});

const finding = findingsOf(SIGNATURE_FINDINGS);

/** `issuer`'s key does not verify the signature on `cert`. */
export function badSignatureFinding(cert: CertAt, issuer: CertAt): Finding {
  return finding("signature.invalid", {
    message: `The signature on ${cert.name} does not verify with the key of its issuer, ${issuer.name}. The certificate was altered or belongs to a different (re-keyed) CA.`,
    certificate: cert.index,
    hint: "Download the certificate and its issuer again from your CA.",
  });
}

/** A self-issued certificate at the top of the path whose own key does not verify its signature. */
export function badSelfSignatureFinding(root: CertAt): Finding {
  return finding("signature.invalid", {
    message: `${root.name} names itself as issuer, but its own key does not verify its signature.`,
    certificate: root.index,
    hint: "Download this root again from your CA; the copy is damaged.",
  });
}

export function weakAlgorithmFinding(cert: CertAt, algorithm: string): Finding {
  return finding("signature.weak-algorithm", {
    message: `${cert.name} is signed with ${algorithm}, which is broken and refused by current TLS stacks.`,
    certificate: cert.index,
    hint: "Have the CA reissue it with SHA-256 or better.",
  });
}
