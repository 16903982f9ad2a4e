import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** The shape of the chain: order, completeness, the certificates on the leaf's path. */
export const CHAIN_FINDINGS = {
  "chain.reversed": { severity: "error" },
  "chain.misordered": { severity: "error" },
  "chain.incomplete": { severity: "error" },
  "chain.untrusted-root": { severity: "error" },
  "chain.policy": { severity: "warning" },
  "chain.unrelated": { severity: "error" },
  "chain.alternate-path": { severity: "error" },
  "chain.no-leaf": { severity: "error" },
  "chain.multiple-leaves": { severity: "error" },
  "chain.duplicate": { severity: "warning" },
  "chain.no-intermediate": { severity: "warning" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of CHAIN_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const CHAIN_TEXTS = (): GroupTexts<typeof CHAIN_FINDINGS> => ({
  "chain.reversed": {
    title: "Chain in reverse order",
    summary: "the valid path in exactly reverse order (root first)",
    description: "The bundle is the valid path in exactly reverse order (root first).",
    why: "ConnectPay rejects chains in reversed order (ConnectPay's API documentation, Certificates).",
    fix: "`fix` reorders it",
    source: "ConnectPay's security page: chains in reversed order are rejected",
    example:
      "The chain is in reverse order: it starts with the root and ends with the leaf, Certificate 3 (CN=payments.acme.example). ConnectPay wants leaf first, then intermediate(s), then root.",
    exampleFrom: { check: ["fixtures/chain/reversed.pem"] },
    group: "check",
  },
  "chain.misordered": {
    title: "Chain out of order",
    summary: "any other order than leaf → issuer → … → root",
    description: "The certificates are in an order other than leaf → issuer → … → root.",
    why: "ConnectPay wants leaf first, then intermediate(s), ending with the root (ConnectPay's API documentation, Certificates).",
    fix: "`fix` reorders it",
    source: "ConnectPay's security page: the chain must start with the leaf and end with the root",
    example:
      "The certificates are out of order: the path from the leaf, Certificate 2 (CN=payments.acme.example), to the root is certificates 2 → 1 → 3 in this file. ConnectPay wants leaf first, each issuer right after the certificate it signed.",
    exampleFrom: { check: ["fixtures/chain/misordered.pem"] },
    group: "check",
  },
  "chain.incomplete": {
    title: "Chain incomplete",
    summary: "the path stops before a self-signed root; names the missing issuer (subject, key id)",
    description: "The path stops before a self-signed root: intermediate(s) and/or the root are missing.",
    why: "ConnectPay rejects incomplete chains and wants the root included (ConnectPay's API documentation, Certificates).",
    fix: "add the intermediate(s)/root from your CA",
    source: "ConnectPay's security page: the chain must be full, ending with the root; incomplete chains are rejected",
    example:
      "The chain is incomplete: nothing in the file issued Certificate 1 (CN=payments.acme.example). Missing issuer: CN=Demo Issuing CA 1, O=Demo Trust Services, C=LT, key id 07:B3:2C:3E:6A:5E:E0:9F:5F:11:0C:5E:3F:41:51:01:51:0C:0A:8B. ConnectPay needs the intermediate(s) and the root too.",
    exampleFrom: { check: ["fixtures/good/leaf.pem"] },
    group: "check",
  },
  "chain.untrusted-root": {
    title: "Root not among the trusted roots",
    summary: "with `--trust`: the path ends at a self-signed root that is not one of the trusted roots",
    description: "With --trust: the path ends at a self-signed root that is not one of the trusted roots.",
    why: "ConnectPay's web server validates the chain against its truststore (ConnectPay's API documentation, Certificates); a chain ending elsewhere is refused in the handshake.",
    fix: "send the chain of the CA the server trusts",
    source:
      "RFC 5280 §6.1 (the path must begin at a trust anchor); ConnectPay's web server validates against its truststore (ConnectPay's API documentation)",
    example:
      "The chain ends at Certificate 3 (CN=Demo Root CA), which is not one of the --trust roots. A server trusting only those roots rejects it.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--trust", "fixtures/chain/other-root.pem"] },
    group: "check",
  },
  "chain.policy": {
    title: "Certificate policies not satisfied",
    summary:
      "a CA requires an explicit certificate policy and no policy is valid for the whole chain, or a policy extension is invalid",
    description:
      "RFC 5280 §6.1 policy processing (initial policy set anyPolicy) fails: a policyConstraints requireExplicitPolicy is reached while no certificate policy is valid from the root down to the leaf, a policyMappings maps anyPolicy, or a policy extension does not read.",
    why: "Validators that process certificate policies (Java's PKIX, Windows, OpenSSL with -policy_check) refuse the chain. OpenSSL and BoringSSL as TLS servers run them by default do not process policies and accept it, so it is a warning; --strict fails on it.",
    fix: "ask your CA for a leaf that asserts the policy its CA requires",
    source: "RFC 5280 §6.1.3 (d)-(f), §6.1.4 (a), (b), (h)-(j), §6.1.5; OpenSSL X509_V_FLAG_POLICY_CHECK",
    example:
      "Certificate 2 (CN=Policy Issuing CA 1) requires an explicit certificate policy (policyConstraints), but no policy is valid from the root down to Certificate 1 (CN=payments.acme.example): validators that process policies (Java, Windows, OpenSSL with -policy_check) refuse this chain; OpenSSL as web servers run it by default does not check.",
    exampleFrom: { check: ["fixtures/policies/explicit-missing.pem"] },
    group: "check",
  },
  "chain.unrelated": {
    title: "Certificate not on the path",
    summary: "a certificate that is not on the leaf's path",
    description: "A certificate that is not on the leaf's path.",
    why: "ConnectPay wants exactly the leaf's chain (ConnectPay's API documentation, Certificates); a stray certificate makes the bundle ambiguous.",
    fix: "remove it",
    source: "ConnectPay's security page: the file is exactly leaf, intermediate(s), root",
    example:
      "Certificate 2 (CN=Demo Root CA) is not on the path of the leaf, Certificate 1 (CN=payments.acme.example): it neither issued nor was issued by a certificate of that chain.",
    exampleFrom: { check: ["fixtures/chain/no-intermediate.pem"] },
    group: "check",
  },
  "chain.alternate-path": {
    title: "More than one path to a root",
    summary:
      "the file holds two paths from the leaf to a root, e.g. a root both self-signed and cross-signed by an older root",
    description:
      "A CA is in the file twice with the same subject and key (self-signed and cross-signed by another root), so the leaf has more than one path to a root.",
    why: "ConnectPay asks for exactly one chain: leaf, intermediate(s), root (ConnectPay's API documentation, Certificates). Which path a validator builds from such a file depends on its path building.",
    fix: "`fix` keeps one path: a trusted root first, then the shortest, then the root that expires last",
    source:
      "ConnectPay's security page: the file is exactly leaf, intermediate(s), root; RFC 4158 (path building, cross-certification)",
    example:
      "The file holds 2 paths from the leaf, Certificate 1 (CN=payments.acme.example), to a root, and ConnectPay takes exactly one: path 1: payments.acme.example → Cross Issuing CA → New Root R1 (self-signed); path 2: payments.acme.example → Cross Issuing CA → New Root R1 (cross-signed by Old Root) → Old Root (self-signed).",
    exampleFrom: { check: ["fixtures/chain/cross-signed.pem"] },
    group: "check",
  },
  "chain.no-leaf": {
    title: "No end-entity certificate",
    summary:
      "the file holds only CA certificates (e.g. intermediate and root): the client certificate itself is missing",
    description:
      "The first certificate of the path is a CA certificate (CA:TRUE, not made for TLS authentication): the file has no end-entity certificate.",
    why: "ConnectPay authenticates the client by its end-entity certificate and key (ConnectPay's API documentation, Certificates); a CA certificate in its place is refused, and `fix` will not package it.",
    fix: "put your client certificate first",
    source: "ConnectPay's security page: the chain starts with the leaf; RFC 5280 §4.2.1.9 (CA versus end-entity)",
    example:
      "The file has no end-entity certificate: the path starts at Certificate 1 (CN=Fidelity Issuing CA), a CA certificate. The client certificate itself is missing.",
    exampleFrom: { check: ["fixtures/chain/no-leaf.pem"] },
    group: "check",
  },
  "chain.multiple-leaves": {
    title: "Two end-entity certificates",
    summary: "a second end-entity (leaf) certificate in the file, e.g. an old and a renewed client certificate",
    description: "The file holds more than one end-entity certificate; only one can be the leaf of the chain.",
    why: "ConnectPay takes one chain per file: leaf, intermediate(s), root (ConnectPay's API documentation, Certificates).",
    fix: "keep one leaf (`fix --leaf`)",
    source: "ConnectPay's security page: the file is exactly leaf, intermediate(s), root",
    example:
      "Certificate 2 (CN=payments.acme.example) is a second end-entity certificate (issued by the same CA as the leaf, serial 7A1025C0FFEE) besides the leaf, Certificate 1 (CN=payments.acme.example). ConnectPay takes one chain per file.",
    exampleFrom: { check: ["fixtures/chain/two-leaves.pem"] },
    group: "check",
  },
  "chain.duplicate": {
    title: "Certificate twice",
    summary: "the same certificate twice",
    description: "The same certificate appears more than once.",
    why: "Harmless to most validators, but the file is not the clean leaf → intermediate → root chain ConnectPay asks for (ConnectPay's API documentation, Certificates).",
    fix: "remove the copy",
    source: "ConnectPay's security page: leaf, intermediate and root, each once",
    example: "Certificate 3 (CN=Demo Issuing CA 1) is a copy of certificate 2.",
    exampleFrom: { check: ["fixtures/chain/duplicate.pem"] },
    group: "check",
  },
  "chain.no-intermediate": {
    title: "No intermediate",
    summary: "the root signed the leaf directly; ConnectPay asks for leaf, intermediate and root",
    description: "The root signs the leaf directly; ConnectPay asks for leaf, intermediate and root.",
    why: "ConnectPay's page asks for leaf, intermediate and root (ConnectPay's API documentation, Certificates).",
    fix: "add the intermediate, or confirm with ConnectPay",
    source: "ConnectPay's security page: chain with leaf, intermediate and root certificates",
    example:
      "The root, Certificate 2 (CN=Demo Root CA), signed the leaf directly: there is no intermediate. ConnectPay's page asks for leaf, intermediate and root; a public CA always issues from an intermediate.",
    exampleFrom: { check: ["fixtures/chain/root-signs-leaf.pem"] },
    group: "check",
  },
});

const finding = findingsOf(CHAIN_FINDINGS);
const REORDER = "Reorder it: `connectpay-cert fix FILE -o fixed.pem`.";

export function reversedFinding(leaf: CertAt): Finding {
  return finding("chain.reversed", {
    message: `The chain is in reverse order: it starts with the root and ends with the leaf, ${leaf.name}. ConnectPay wants leaf first, then intermediate(s), then root.`,
    certificate: leaf.index,
    hint: REORDER,
  });
}

/** `path`: the 0-based indices of the path from the leaf to the root, in file order they should have. */
export function misorderedFinding(leaf: CertAt, path: readonly number[]): Finding {
  return finding("chain.misordered", {
    message: `The certificates are out of order: the path from the leaf, ${leaf.name}, to the root is certificates ${path.map((i) => i + 1).join(" → ")} in this file. ConnectPay wants leaf first, each issuer right after the certificate it signed.`,
    hint: REORDER,
  });
}

/** `root`: the subject of the --trust root that issued `top`, which the file lacks. */
export function rootNotInFileFinding(top: CertAt, root: string): Finding {
  return finding("chain.incomplete", {
    message: `The chain is incomplete: its root, ${root} (one of the --trust roots), issued ${top.name} but is not in the file. ConnectPay wants the root included.`,
    certificate: top.index,
    hint: "Append that root certificate to the file (`connectpay-cert fix FILE --ca-file ROOTS -o fixed.pem`).",
  });
}

/** Nothing in the file issued `top`. */
export interface MissingIssuer {
  /** its issuer's name, and key id when the certificate names one */
  issuer: string;
  keyId?: string;
  /** whether `top` is a CA (then one more certificate may do) */
  ca: boolean;
  /** whether a --trust anchor that is not a self-signed root was found above it */
  partialAnchor: boolean;
  /** whether it names a CA Issuers URL `fix --fetch-missing` can download the issuer from */
  fetchable: boolean;
}

export function missingIssuerFinding(top: CertAt, missing: MissingIssuer): Finding {
  const aki = missing.keyId ? `, key id ${missing.keyId}` : "";
  const what = missing.ca ? "an intermediate or the root" : "the intermediate(s) and the root";
  const anchor = missing.partialAnchor
    ? " A --trust anchor that is not a self-signed root does not complete the file."
    : "";
  return finding("chain.incomplete", {
    message: `The chain is incomplete: nothing in the file issued ${top.name}. Missing issuer: ${missing.issuer}${aki}. ConnectPay needs ${what} too.${anchor}`,
    certificate: top.index,
    hint: missing.fetchable
      ? "Add the missing certificates from your CA's download page, or let the tool find them: `connectpay-cert fix FILE --fetch-missing -o fixed.pem`."
      : // Without a CA Issuers URL there is nothing to fetch: only a file the user downloads can complete it.
        "Download the missing certificates from your CA's site (the certificate names no CA Issuers URL to fetch them from) and add them: `connectpay-cert fix FILE --ca-file downloaded.pem -o fixed.pem`.",
  });
}

export function untrustedRootFinding(top: CertAt): Finding {
  return finding("chain.untrusted-root", {
    message: `The chain ends at ${top.name}, which is not one of the --trust roots. A server trusting only those roots rejects it.`,
    certificate: top.index,
    hint: "Check that you are sending the chain of the CA the server trusts (for ConnectPay: the chain you registered).",
  });
}

/** The --trust root `anchor` (its label) has a fatal defect in `field`: OpenSSL will not anchor a path at it. */
export function unusableAnchorFinding(anchor: string, field: string, problem: string): Finding {
  return finding("chain.untrusted-root", {
    message: `The chain ends at the --trust root ${anchor}, whose ${field} is malformed (${problem}): OpenSSL will not use it as a trust anchor.`,
    hint: "Use a well-formed copy of the root; a root with a broken extension cannot anchor a chain.",
  });
}

export function unrelatedFinding(cert: CertAt, leaf?: CertAt): Finding {
  return finding("chain.unrelated", {
    message: `${cert.name} is not on the path of the leaf${leaf === undefined ? "" : `, ${leaf.name}`}: it neither issued nor was issued by a certificate of that chain.`,
    certificate: cert.index,
    hint: "Remove it (`connectpay-cert fix` drops unrelated certificates), or check that you picked the right leaf.",
  });
}

/** `lines`: each path as a line; `kept`: the 1-based path `fix` keeps, and why; `offPath`: a certificate on another path. */
export function alternatePathFinding(
  leaf: CertAt,
  lines: readonly string[],
  kept: { path: number; why: string | undefined },
  offPath?: number,
): Finding {
  return finding("chain.alternate-path", {
    message: `The file holds ${lines.length} paths from the leaf, ${leaf.name}, to a root, and ConnectPay takes exactly one: ${lines.map((l, n) => `path ${n + 1}: ${l}`).join("; ")}.`,
    certificate: offPath ?? leaf.index,
    hint: `\`connectpay-cert fix\` keeps path ${kept.path}: ${kept.why}. It removes the other path's certificates.`,
  });
}

/** `issuer`: "the same CA as the leaf" or the other leaf's issuer name. */
export function multipleLeavesFinding(other: CertAt, leaf: CertAt, issuer: string, serial: string): Finding {
  return finding("chain.multiple-leaves", {
    message: `${other.name} is a second end-entity certificate (issued by ${issuer}, serial ${serial}) besides the leaf, ${leaf.name}. ConnectPay takes one chain per file.`,
    certificate: other.index,
    hint: `Keep one: \`connectpay-cert fix FILE --leaf ${serial} -o fixed.pem\` keeps this one, or --leaf with the other's serial keeps that one.`,
  });
}

/** `first`: the 0-based index of the certificate `copy` repeats. */
export function duplicateFinding(copy: CertAt, first: number): Finding {
  return finding("chain.duplicate", {
    message: `${copy.name} is a copy of certificate ${first + 1}.`,
    certificate: copy.index,
    hint: "Remove the copy (`connectpay-cert fix` does).",
  });
}

export function noIntermediateFinding(root: CertAt): Finding {
  return finding("chain.no-intermediate", {
    message: `The root, ${root.name}, signed the leaf directly: there is no intermediate. ConnectPay's page asks for leaf, intermediate and root; a public CA always issues from an intermediate.`,
    certificate: root.index,
    hint: "If your CA has an intermediate, add it between the leaf and the root; with a self-made CA, ask ConnectPay whether a two-certificate chain is accepted.",
  });
}

export function noLeafFinding(first: CertAt): Finding {
  return finding("chain.no-leaf", {
    message: `The file has no end-entity certificate: the path starts at ${first.name}, a CA certificate. The client certificate itself is missing.`,
    certificate: first.index,
    hint: "Put your client certificate first, followed by these CA certificates (`connectpay-cert fix YOUR-CERT.pem --ca-file CA-CERTS.pem -o fixed.pem` builds the chain).",
  });
}

const POLICY_HINT =
  "Ask your CA for a leaf that asserts the certificate policy its CA requires, or for the chain it publishes for this certificate.";

/** `cert` cannot take part in policy processing: `why`, its policy extensions' problem. */
export function policyUnreadableFinding(cert: CertAt, why: string): Finding {
  return finding("chain.policy", {
    message: `${cert.name} cannot take part in certificate policy processing: ${why}.`,
    certificate: cert.index,
    hint: POLICY_HINT,
  });
}

/** RFC 5280 §6.1 fails at `at`: it maps anyPolicy, or `requiredBy` requires a policy none is valid for down to `at`. */
export function policyFinding(at: CertAt, failure: { mapsAnyPolicy: true } | { requiredBy: CertAt }): Finding {
  return finding("chain.policy", {
    message:
      "mapsAnyPolicy" in failure
        ? `${at.name} maps anyPolicy in its policyMappings, which RFC 5280 §6.1.4 (a) forbids.`
        : `${failure.requiredBy.name} requires an explicit certificate policy (policyConstraints), but no policy is valid from the root down to ${at.name}: validators that process policies (Java, Windows, OpenSSL with -policy_check) refuse this chain; OpenSSL as web servers run it by default does not check.`,
    certificate: at.index,
    hint: POLICY_HINT,
  });
}
