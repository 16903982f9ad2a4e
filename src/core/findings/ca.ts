import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** The issuing certificates above the leaf (RFC 5280 §6 path validation). */
export const CA_FINDINGS = {
  "ca.not-ca": { severity: "error" },
  "ca.key-usage": { severity: "error" },
  "ca.eku": { severity: "error" },
  "ca.path-length": { severity: "error" },
  "ca.name-constraints": { severity: "error" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of CA_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const CA_TEXTS = (): GroupTexts<typeof CA_FINDINGS> => ({
  "ca.not-ca": {
    title: "Issuer is not a CA",
    summary: "an issuing certificate lacks `CA:TRUE` (a missing extension counts)",
    description: "An issuing certificate lacks basicConstraints CA:TRUE (a missing extension counts).",
    why: "ConnectPay's web server validates the chain (ConnectPay's API documentation, Certificates); validators refuse certificates issued by a non-CA.",
    fix: "use the CA's real intermediate",
    source: "RFC 5280 §4.2.1.9 and §6.1.4 (k)",
    example:
      "Certificate 2 (CN=Demo Issuing CA 1) signed another certificate of the chain but is not a CA (no basicConstraints extension). Validators refuse certificates it issued.",
    exampleFrom: { check: ["fixtures/ca/not-ca.pem"] },
    group: "check",
  },
  "ca.key-usage": {
    title: "Issuer may not sign certificates",
    summary: "an issuing certificate has a key usage without `keyCertSign`",
    description: "An issuing certificate has a key usage extension without keyCertSign.",
    why: "Validators refuse a chain whose issuer's key usage forbids certificate signing, so ConnectPay's web server would too.",
    fix: "use the CA's published certificate",
    source: "RFC 5280 §4.2.1.3 and §6.1.4 (n)",
    example:
      "Certificate 2 (CN=Demo Issuing CA 1) signed another certificate of the chain, but its key usage (digitalSignature) lacks keyCertSign.",
    exampleFrom: { check: ["fixtures/ca/no-cert-sign.pem"] },
    group: "check",
  },
  "ca.eku": {
    title: "Issuer's EKU forbids the purpose",
    summary:
      "an intermediate or the root has an extended key usage without the purpose (`clientAuth` for `--purpose client`, `serverAuth` for server); `anyExtendedKeyUsage` alone does not count",
    description:
      "An issuing certificate (intermediate or root) has an extendedKeyUsage extension that lacks the purpose being checked (clientAuth for client, serverAuth for server). anyExtendedKeyUsage alone does not allow it, as in OpenSSL.",
    why: "OpenSSL (`openssl verify -purpose sslclient`, and so nginx, Apache and HAProxy) and BoringSSL refuse a client certificate issued under a CA whose EKU lacks clientAuth; from 2026 public CAs issue TLS certificates from serverAuth-only intermediates.",
    fix: "get a client certificate issued under a CA that allows clientAuth",
    source:
      "OpenSSL X509_check_purpose (EKU of every CA on the path); Chrome Root Program policy 2026 (serverAuth-only hierarchies)",
    example:
      "Certificate 2 (CN=Fidelity EKU CA) issues the leaf's chain, but its extended key usage (serverAuth) does not allow clientAuth, so OpenSSL-based servers refuse every client certificate below it. Public CAs are moving TLS issuance to serverAuth-only intermediates for the Chrome root program's 2026 deadline, so a certificate from such a hierarchy cannot do mTLS even when the leaf itself says clientAuth.",
    exampleFrom: { check: ["fixtures/ca/eku-server-only.pem"] },
    group: "check",
  },
  "ca.path-length": {
    title: "Path length exceeded",
    summary: "a `pathLenConstraint` is exceeded",
    description: "A pathLenConstraint is exceeded.",
    why: "Validators enforce pathLenConstraint, so ConnectPay's web server refuses the chain.",
    fix: "use the chain your CA publishes",
    source: "RFC 5280 §4.2.1.9 and §6.1.4 (l), (m)",
    example:
      "Certificate 3 (CN=Demo Root CA) allows 0 intermediate CA(s) below it (pathLenConstraint 0), but the chain has 1.",
    exampleFrom: { check: ["fixtures/ca/path-length.pem"] },
    group: "check",
  },
  "ca.name-constraints": {
    title: "Name constraints violated",
    summary:
      "a CA's name constraints (dNSName, rfc822Name, iPAddress, directoryName) exclude or do not permit a name of a certificate below it, or cannot be evaluated (malformed, a constrained name form the tool does not evaluate, too many checks)",
    description:
      "A CA's name constraints exclude, or do not permit, a name of a certificate below it (or cannot be evaluated).",
    why: "Validators enforce name constraints, so ConnectPay's web server refuses a certificate outside them.",
    fix: "get a certificate for a permitted name, or the CA's unconstrained chain",
    source: "RFC 5280 §4.2.1.10 and §6.1.4 (g)",
    example:
      "Certificate 2 (CN=Demo Issuing CA 1) constrains names, and for Certificate 1 (CN=payments.acme.example) payments.acme.example is outside the permitted subtrees.",
    exampleFrom: { check: ["fixtures/ca/name-constraints.pem"] },
    group: "check",
  },
});

const finding = findingsOf(CA_FINDINGS);

/** `ca` issued a certificate of the chain without CA:TRUE (`basicConstraints`: whether it has the extension at all). */
export function notCaFinding(ca: CertAt, basicConstraints: boolean): Finding {
  return finding("ca.not-ca", {
    message: `${ca.name} signed another certificate of the chain but is not a CA (${basicConstraints ? "CA:FALSE" : "no basicConstraints extension"}). Validators refuse certificates it issued.`,
    certificate: ca.index,
    hint: "Use the CA's real intermediate certificate; a certificate without CA:TRUE cannot issue others.",
  });
}

export function caKeyUsageFinding(ca: CertAt, keyUsage: readonly string[]): Finding {
  return finding("ca.key-usage", {
    message: `${ca.name} signed another certificate of the chain, but its key usage (${keyUsage.join(", ") || "none"}) lacks keyCertSign.`,
    certificate: ca.index,
    hint: "Use the CA's published intermediate/root certificate; this one may not sign certificates.",
  });
}

const SERVER_ONLY_REASON =
  "Public CAs are moving TLS issuance to serverAuth-only intermediates for the Chrome root program's 2026 deadline, so a certificate from such a hierarchy cannot do mTLS even when the leaf itself says clientAuth.";

/** `ekus`: the CA's extended key usages as a list for the message; `purpose`: the one it lacks. */
export function caEkuFinding(ca: CertAt, ekus: string, purpose: "client" | "server"): Finding {
  const client = purpose === "client";
  return finding("ca.eku", {
    message: `${ca.name} issues the leaf's chain, but its extended key usage (${ekus}) does not allow ${client ? "clientAuth" : "serverAuth"}, so OpenSSL-based servers refuse every ${purpose} certificate below it.${client ? ` ${SERVER_ONLY_REASON}` : ""}`,
    certificate: ca.index,
    hint: client
      ? "Ask your CA for a client-authentication certificate issued under a CA that allows clientAuth (a dedicated client-auth or QWAC hierarchy)."
      : "Use a certificate issued under a CA that allows serverAuth.",
  });
}

/** `limit`: the CA's pathLenConstraint; `below`: the intermediates the chain has below it. */
export function pathLengthFinding(ca: CertAt, limit: number, below: number): Finding {
  return finding("ca.path-length", {
    message: `${ca.name} allows ${limit} intermediate CA(s) below it (pathLenConstraint ${limit}), but the chain has ${below}.`,
    certificate: ca.index,
    hint: "The chain uses a CA beyond what its issuer allows; get the chain your CA publishes for this certificate.",
  });
}

/** The constraints cannot be evaluated (`unreadable`: why), or `subject`'s name is outside them (`why`). */
export type NameConstraintProblem = { unreadable: string } | { subject: CertAt; why: string };

export function nameConstraintsFinding(ca: CertAt, problem: NameConstraintProblem): Finding {
  const unreadable = "unreadable" in problem;
  return finding("ca.name-constraints", {
    message: unreadable
      ? `${ca.name} has name constraints that cannot be evaluated (${problem.unreadable}), so nothing it issued can be trusted.`
      : `${ca.name} constrains names, and for ${problem.subject.name} ${problem.why}.`,
    certificate: unreadable ? ca.index : problem.subject.index,
    hint: "The CA may only issue for the names its constraints allow; get a certificate for a permitted name, or the CA's unconstrained chain.",
  });
}
