import { type BundleResult, type CheckedBundle, type CheckOptions, checkBundle, isOk } from "./check-bundle.js";
import { type Finding, finding } from "./findings/finding.js";
import type { SecretPlace } from "./input/kubernetes-secret.js";
import { readSecretBundles, type SecretRead, secretName } from "./input/secret-bundles.js";
import type { CertCache } from "./x509/cert-cache.js";

/** One judged bundle, with what was parsed to reach it (`--online` asks about the same certificates). */
export interface InputJudgement {
  result: BundleResult;
  /** absent when there was no bundle to parse */
  parsed?: Omit<CheckedBundle, "result">;
}

/**
 * Judges an input: a PEM bundle as always, or each certificate bundle of a Kubernetes Secret (or List) on its
 * own, so that one Secret's expiry is not hidden by another's in the same file.
 */
export function checkInput(bytes: Buffer, input: string, options: CheckOptions, cache?: CertCache): InputJudgement[] {
  const secrets = readSecretBundles(bytes);
  if (!secrets) return [split(checkBundle(bytes, input, options, cache))];
  if (secrets.problem || secrets.bundles.length === 0) return [{ result: noBundle(secrets, input) }];
  return secrets.bundles.map(({ place, pem }) => {
    const { result, ...parsed } = checkBundle(pem, input, options, cache);
    const keys = secrets.privateKeys.filter((k) => k.namespace === place.namespace && k.name === place.name);
    // A key beside the chain is what a TLS Secret is for: reported once per key as info, not as format.private-key.
    const findings = result.findings.filter((f) => f.id !== "format.private-key").map((f) => named(f, place));
    findings.unshift(...keys.map(privateKeyFinding));
    return { result: { ...result, secret: place, ok: isOk(findings, options.strict), findings }, parsed };
  });
}

const split = ({ result, ...parsed }: CheckedBundle): InputJudgement => ({ result, parsed });

/** Prefixes the message with the Secret and key, so every format (human, github, junit, json) names it. */
function named(f: Finding, place: SecretPlace): Finding {
  return { ...f, message: `Secret ${secretName(place)} (${place.key}): ${f.message}` };
}

function privateKeyFinding(place: SecretPlace): Finding {
  return finding("secret.private-key", {
    message: `Secret ${secretName(place)} holds a private key under ${place.key}, as a TLS Secret should; it was not decoded and is not shown.`,
    hint: "Nothing to do in the cluster. Send ConnectPay only the chain: `connectpay-cert fix` never writes the key.",
  });
}

function noBundle(secrets: SecretRead, input: string): BundleResult {
  const f = secrets.limit
    ? finding("format.limit-exceeded", {
        message: `The input looks like a Kubernetes Secret, but ${secrets.problem}.`,
        hint: "Check that this is the Secret: `kubectl get secret NAME -o yaml > secret.yaml`.",
      })
    : secrets.problem
      ? finding("secret.unreadable", {
          message: `The input looks like a Kubernetes Secret, but ${secrets.problem}.`,
          hint: "Write it again: `kubectl get secret NAME -o yaml > secret.yaml`.",
        })
      : finding("secret.no-certificate", {
          message: "The input is a Kubernetes Secret (or List), but no key of any Secret holds a PEM certificate.",
          hint: "For a kubernetes.io/tls Secret the chain is in tls.crt; check the Secret's name and namespace.",
        });
  return { input, ok: false, certificates: [], path: [], findings: [f] };
}
