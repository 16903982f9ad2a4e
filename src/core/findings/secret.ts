import type { FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

const SECRET_SOURCE =
  "Kubernetes Secret types (kubernetes.io/docs/concepts/configuration/secret/#tls-secrets): tls.crt, tls.key, ca.crt";

/** Findings made while reading a Kubernetes Secret (src/core/input/kubernetes-secret.ts, src/core/check-input.ts). */
export const SECRET_FINDINGS = {
  "secret.private-key": { severity: "info" },
  "secret.no-certificate": { severity: "error" },
  "secret.unreadable": { severity: "error" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of SECRET_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
export const SECRET_TEXTS = (): GroupTexts<typeof SECRET_FINDINGS> => ({
  "secret.private-key": {
    title: "Private key in the Secret",
    summary:
      "a Kubernetes Secret holds a private key (`tls.key`, or a key block beside the certificates); expected there",
    description:
      "A Kubernetes Secret holds a private key: `tls.key` of a `kubernetes.io/tls` Secret, or a PRIVATE KEY block in another key. It is never decoded into any output.",
    why: "A TLS Secret must hold the key for the workload that presents the certificate, so this is expected; the chain sent to ConnectPay must still never contain it (ConnectPay's API documentation, Certificates).",
    fix: "nothing in the cluster; send ConnectPay only the chain (`connectpay-cert fix` drops the key)",
    source: SECRET_SOURCE,
    example:
      "Secret payments/connectpay-client holds a private key under tls.key, as a TLS Secret should; it was not decoded and is not shown.",
    exampleFrom: { test: "secret" },
    group: "check",
  },
  "secret.no-certificate": {
    title: "Secret without a certificate",
    summary:
      "a Kubernetes Secret (or List) with no PEM certificate in any key, or a TLS Secret whose `tls.crt` holds none",
    description:
      "The input is a Kubernetes Secret or List, but no key of any Secret holds a PEM CERTIFICATE block (for `kubernetes.io/tls`: `tls.crt`); or one `kubernetes.io/tls` Secret of several has a `tls.crt` that is missing, empty or not PEM (each is reported on its own).",
    why: "Nothing was judged: a fleet watch that reads no certificate must not report the bundle as fine.",
    fix: "point at the Secret that holds the chain (`kubectl get secret NAME -o yaml`)",
    source: SECRET_SOURCE,
    example:
      "Secret payments/connectpay-client is a kubernetes.io/tls Secret, but its tls.crt is empty: nothing of it was judged.",
    exampleFrom: { test: "secret" },
    group: "check",
  },
  "secret.unreadable": {
    title: "Secret not readable",
    summary: "the input looks like a Kubernetes Secret, but its YAML/JSON does not parse",
    description:
      "The input names `apiVersion` and `kind: Secret` (or `List`), but it is not valid YAML or JSON, or its `data` is not base64.",
    why: "Nothing was judged: a fleet watch that reads no certificate must not report the bundle as fine.",
    fix: "write it again with `kubectl get secret NAME -o yaml > secret.yaml`",
    source: "YAML 1.2 (yaml.org/spec/1.2.2), as kubectl writes it",
    example:
      "The input looks like a Kubernetes Secret, but it is not valid YAML or JSON (Flow sequence in block collection must be sufficiently indented and end with a ]).",
    exampleFrom: { test: "secret" },
    group: "check",
  },
});

const finding = findingsOf(SECRET_FINDINGS);

/** `secret`: the Secret's name (namespace/name); `key`: the data key holding the private key. */
export function secretPrivateKeyFinding(secret: string, key: string): Finding {
  return finding("secret.private-key", {
    message: `Secret ${secret} holds a private key under ${key}, as a TLS Secret should; it was not decoded and is not shown.`,
    hint: "Nothing to do in the cluster. Send ConnectPay only the chain: `connectpay-cert fix` never writes the key.",
  });
}

/** `problem`: why it is not a Secret, after "but", e.g. "it is not valid YAML or JSON (…)". */
export function secretUnreadableFinding(problem: string): Finding {
  return finding("secret.unreadable", {
    message: `The input looks like a Kubernetes Secret, but ${problem}.`,
    hint: "Write it again: `kubectl get secret NAME -o yaml > secret.yaml`.",
  });
}

/** One `kubernetes.io/tls` Secret of several whose tls.crt holds no certificate; `why` after "but", e.g. "its tls.crt is empty". */
export function tlsSecretNoCertificateFinding(secret: string, why: string): Finding {
  return finding("secret.no-certificate", {
    message: `Secret ${secret} is a kubernetes.io/tls Secret, but ${why}: nothing of it was judged.`,
    hint: "cert-manager leaves tls.crt empty when issuing fails (`kubectl describe certificate` says why); otherwise put the PEM chain in tls.crt.",
  });
}

export function secretNoCertificateFinding(): Finding {
  return finding("secret.no-certificate", {
    message: "The input is a Kubernetes Secret (or List), but no key of any Secret holds a PEM certificate.",
    hint: "For a kubernetes.io/tls Secret the chain is in tls.crt; check the Secret's name and namespace.",
  });
}
