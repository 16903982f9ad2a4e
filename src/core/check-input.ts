import { type BundleResult, type CheckedBundle, type CheckOptions, checkBundle } from "./check-bundle.js";
import type { Finding } from "./findings/finding.js";
import { secretLimitFinding } from "./findings/read.js";
import {
  secretNoCertificateFinding,
  secretPrivateKeyFinding,
  secretUnreadableFinding,
  tlsSecretNoCertificateFinding,
} from "./findings/secret.js";
import type { SecretPlace } from "./input/kubernetes-secret.js";
import { readSecretBundles, type SecretRead, secretName } from "./input/secret-bundles.js";
import { type DecodedText, decodeText } from "./input/text.js";
import { decideVerdict } from "./verdict/verdict.js";
import type { CertCache } from "./x509/cert-cache.js";

/** One judged bundle, with what was parsed to reach it (`--online` asks about the same certificates). */
export interface InputJudgement {
  result: BundleResult;
  /** absent when there was no bundle to parse */
  parsed?: Omit<CheckedBundle, "result">;
}

/**
 * Judges an input: a PEM bundle as always, or each certificate bundle of a Kubernetes Secret (or List) on its
 * own, so that one Secret's expiry is not hidden by another's in the same file. `decoded`: the bytes' text, when
 * the caller has it already (each input is decoded once).
 */
export function checkInput(
  bytes: Buffer,
  input: string,
  options: CheckOptions,
  cache?: CertCache,
  decoded: DecodedText = decodeText(bytes),
): InputJudgement[] {
  const secrets = readSecretBundles(decoded.text);
  if (!secrets) return [split(checkBundle(bytes, input, options, cache, decoded))];
  if (secrets.problem || (secrets.bundles.length === 0 && secrets.certless.length === 0))
    return [{ result: noBundle(secrets, input, options.strict) }];
  const judged = secrets.bundles.map(({ place, pem }): InputJudgement => {
    const { result, ...parsed } = checkBundle(pem, input, options, cache);
    const keys = secrets.privateKeys.filter((k) => k.namespace === place.namespace && k.name === place.name);
    // A key beside the chain is what a TLS Secret is for: reported once per key as info, not as format.private-key.
    const findings = result.findings.filter((f) => f.id !== "format.private-key").map((f) => named(f, place));
    findings.unshift(...keys.map((k) => secretPrivateKeyFinding(secretName(k), k.key)));
    const { ok, findings: judged } = decideVerdict(findings, { strict: options.strict });
    return { result: { ...result, secret: place, ok, findings: judged }, parsed };
  });
  // A TLS Secret beside others whose tls.crt holds nothing: its own failing result, or it would vanish from a
  // List's report (and from its metrics) while the others pass.
  for (const { place, why } of secrets.certless) {
    const f = tlsSecretNoCertificateFinding(secretName(place), why);
    judged.push({ result: { ...refusedInput(input, f, options.strict), secret: place } });
  }
  return judged;
}

const split = ({ result, ...parsed }: CheckedBundle): InputJudgement => ({ result, parsed });

/** Prefixes the message with the Secret and key, so every format (human, github, junit, json) names it. */
function named(f: Finding, place: SecretPlace): Finding {
  return { ...f, message: `Secret ${secretName(place)} (${place.key}): ${f.message}` };
}

/**
 * An input (or one Secret of it) judged on `f` alone: refused before it was read (a PKCS#12 file beyond the
 * key-derivation limit), or with nothing in it to judge.
 */
export function refusedInput(input: string, f: Finding, strict: boolean): BundleResult {
  const { ok, findings } = decideVerdict([f], { strict });
  return { input, ok, certificates: [], path: [], findings };
}

function noBundle(secrets: SecretRead, input: string, strict: boolean): BundleResult {
  const f = secrets.limit
    ? secretLimitFinding(secrets.problem ?? "")
    : secrets.problem
      ? secretUnreadableFinding(secrets.problem)
      : secretNoCertificateFinding();
  return refusedInput(input, f, strict);
}
