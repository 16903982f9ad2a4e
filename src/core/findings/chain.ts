import type { FindingDefinition } from "./definition.js";

/** The shape of the chain: order, completeness, the certificates on the leaf's path. */
export const CHAIN_FINDINGS = {
  "chain.reversed": {
    severity: "error",
    title: "Chain in reverse order",
    summary: "the valid path in exactly reverse order (root first)",
    description: "The bundle is the valid path in exactly reverse order (root first).",
    why: "ConnectPay rejects chains in reversed order (docs/connectpay.md §1, Certificates).",
    fix: "`fix` reorders it",
    source: "ConnectPay security page (docs/connectpay.md §2): chains in reversed order are rejected",
    example:
      "The chain is in reverse order: it starts with the root and ends with the leaf, Certificate 3 (CN=payments.acme.example). ConnectPay wants leaf first, then intermediate(s), then root.",
    exampleFrom: { check: ["fixtures/chain/reversed.pem"] },
    group: "check",
  },
  "chain.misordered": {
    severity: "error",
    title: "Chain out of order",
    summary: "any other order than leaf → issuer → … → root",
    description: "The certificates are in an order other than leaf → issuer → … → root.",
    why: "ConnectPay wants leaf first, then intermediate(s), ending with the root (docs/connectpay.md §1, Certificates).",
    fix: "`fix` reorders it",
    source:
      "ConnectPay security page (docs/connectpay.md §2): the chain must start with the leaf and end with the root",
    example:
      "The certificates are out of order: the path from the leaf, Certificate 2 (CN=payments.acme.example), to the root is certificates 2 → 1 → 3 in this file. ConnectPay wants leaf first, each issuer right after the certificate it signed.",
    exampleFrom: { check: ["fixtures/chain/misordered.pem"] },
    group: "check",
  },
  "chain.incomplete": {
    severity: "error",
    title: "Chain incomplete",
    summary: "the path stops before a self-signed root; names the missing issuer (subject, key id)",
    description: "The path stops before a self-signed root: intermediate(s) and/or the root are missing.",
    why: "ConnectPay rejects incomplete chains and wants the root included (docs/connectpay.md §1, Certificates).",
    fix: "add the intermediate(s)/root from your CA",
    source:
      "ConnectPay security page (docs/connectpay.md §2): the chain must be full, ending with the root; incomplete chains are rejected",
    example:
      "The chain is incomplete: nothing in the file issued Certificate 1 (CN=payments.acme.example). Missing issuer: CN=Demo Issuing CA 1, O=Demo Trust Services, C=LT, key id 07:B3:2C:3E:6A:5E:E0:9F:5F:11:0C:5E:3F:41:51:01:51:0C:0A:8B. ConnectPay needs the intermediate(s) and the root too.",
    exampleFrom: { check: ["fixtures/good/leaf.pem"] },
    group: "check",
  },
  "chain.untrusted-root": {
    severity: "error",
    title: "Root not among the trusted roots",
    summary: "with `--trust`: the path ends at a self-signed root that is not one of the trusted roots",
    description: "With --trust: the path ends at a self-signed root that is not one of the trusted roots.",
    why: "ConnectPay's web server validates the chain against its truststore (docs/connectpay.md §1, Certificates); a chain ending elsewhere is refused in the handshake.",
    fix: "send the chain of the CA the server trusts",
    source:
      "RFC 5280 §6.1 (the path must begin at a trust anchor); ConnectPay's web server validates against its truststore (docs/connectpay.md §1)",
    example:
      "The chain ends at Certificate 3 (CN=Demo Root CA), which is not one of the --trust roots. A server trusting only those roots rejects it.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--trust", "fixtures/chain/other-root.pem"] },
    group: "check",
  },
  "chain.policy": {
    severity: "warning",
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
    severity: "error",
    title: "Certificate not on the path",
    summary: "a certificate that is not on the leaf's path",
    description: "A certificate that is not on the leaf's path.",
    why: "ConnectPay wants exactly the leaf's chain (docs/connectpay.md §1, Certificates); a stray certificate makes the bundle ambiguous.",
    fix: "remove it",
    source: "ConnectPay security page (docs/connectpay.md §2): the file is exactly leaf, intermediate(s), root",
    example:
      "Certificate 2 (CN=Demo Root CA) is not on the path of the leaf, Certificate 1 (CN=payments.acme.example): it neither issued nor was issued by a certificate of that chain.",
    exampleFrom: { check: ["fixtures/chain/no-intermediate.pem"] },
    group: "check",
  },
  "chain.alternate-path": {
    severity: "error",
    title: "More than one path to a root",
    summary:
      "the file holds two paths from the leaf to a root, e.g. a root both self-signed and cross-signed by an older root",
    description:
      "A CA is in the file twice with the same subject and key (self-signed and cross-signed by another root), so the leaf has more than one path to a root.",
    why: "ConnectPay asks for exactly one chain: leaf, intermediate(s), root (docs/connectpay.md §1, Certificates). Which path a validator builds from such a file depends on its path building.",
    fix: "`fix` keeps one path: a trusted root first, then the shortest, then the root that expires last",
    source:
      "ConnectPay security page (docs/connectpay.md §2): the file is exactly leaf, intermediate(s), root; RFC 4158 (path building, cross-certification)",
    example:
      "The file holds 2 paths from the leaf, Certificate 1 (CN=payments.acme.example), to a root, and ConnectPay takes exactly one: path 1: payments.acme.example → Cross Issuing CA → New Root R1 (self-signed); path 2: payments.acme.example → Cross Issuing CA → New Root R1 (cross-signed by Old Root) → Old Root (self-signed).",
    exampleFrom: { check: ["fixtures/chain/cross-signed.pem"] },
    group: "check",
  },
  "chain.no-leaf": {
    severity: "error",
    title: "No end-entity certificate",
    summary:
      "the file holds only CA certificates (e.g. intermediate and root): the client certificate itself is missing",
    description:
      "The first certificate of the path is a CA certificate (CA:TRUE, not made for TLS authentication): the file has no end-entity certificate.",
    why: "ConnectPay authenticates the client by its end-entity certificate and key (docs/connectpay.md §1, Certificates); a CA certificate in its place is refused, and `fix` will not package it.",
    fix: "put your client certificate first",
    source:
      "ConnectPay security page (docs/connectpay.md §2): the chain starts with the leaf; RFC 5280 §4.2.1.9 (CA versus end-entity)",
    example:
      "The file has no end-entity certificate: the path starts at Certificate 1 (CN=Fidelity Issuing CA), a CA certificate. The client certificate itself is missing.",
    exampleFrom: { check: ["fixtures/chain/no-leaf.pem"] },
    group: "check",
  },
  "chain.multiple-leaves": {
    severity: "error",
    title: "Two end-entity certificates",
    summary: "a second end-entity (leaf) certificate in the file, e.g. an old and a renewed client certificate",
    description: "The file holds more than one end-entity certificate; only one can be the leaf of the chain.",
    why: "ConnectPay takes one chain per file: leaf, intermediate(s), root (docs/connectpay.md §1, Certificates).",
    fix: "keep one leaf (`fix --leaf`)",
    source: "ConnectPay security page (docs/connectpay.md §2): the file is exactly leaf, intermediate(s), root",
    example:
      "Certificate 2 (CN=payments.acme.example) is a second end-entity certificate (issued by the same CA as the leaf, serial 7A1025C0FFEE) besides the leaf, Certificate 1 (CN=payments.acme.example). ConnectPay takes one chain per file.",
    exampleFrom: { check: ["fixtures/chain/two-leaves.pem"] },
    group: "check",
  },
  "chain.duplicate": {
    severity: "warning",
    title: "Certificate twice",
    summary: "the same certificate twice",
    description: "The same certificate appears more than once.",
    why: "Harmless to most validators, but the file is not the clean leaf → intermediate → root chain ConnectPay asks for (docs/connectpay.md §1, Certificates).",
    fix: "remove the copy",
    source: "ConnectPay security page (docs/connectpay.md §2): leaf, intermediate and root, each once",
    example: "Certificate 3 (CN=Demo Issuing CA 1) is a copy of certificate 2.",
    exampleFrom: { check: ["fixtures/chain/duplicate.pem"] },
    group: "check",
  },
  "chain.no-intermediate": {
    severity: "warning",
    title: "No intermediate",
    summary: "the root signed the leaf directly; ConnectPay asks for leaf, intermediate and root",
    description: "The root signs the leaf directly; ConnectPay asks for leaf, intermediate and root.",
    why: "ConnectPay's page asks for leaf, intermediate and root (docs/connectpay.md §1, Certificates).",
    fix: "add the intermediate, or confirm with ConnectPay",
    source: "ConnectPay security page (docs/connectpay.md §2): chain with leaf, intermediate and root certificates",
    example:
      "The root, Certificate 2 (CN=Demo Root CA), signed the leaf directly: there is no intermediate. ConnectPay's page asks for leaf, intermediate and root; a public CA always issues from an intermediate.",
    exampleFrom: { check: ["fixtures/chain/root-signs-leaf.pem"] },
    group: "check",
  },
} as const satisfies Record<string, FindingDefinition>;
