import type { BundleResult } from "../check-bundle.js";
import type { Finding } from "../findings/finding.js";
import type { RevocationResult } from "../revocation/judge.js";
import { passed, type StepVerdict, unchecked, warned } from "./verdict.js";

/** What src/net/openssl-ca-names.ts read from the server's CertificateRequest. */
export type CaNamesObservation =
  | { available: true; requested: boolean; names: string[] }
  | { available: false; reason: string };

/**
 * The offline check: probe goes on only when the bundle and key pass it; info findings stay with `check`.
 * `extra` are the file-permission warnings of the key and secret files.
 */
export function checkVerdict(offline: BundleResult, extra: (Finding | undefined)[] = []): StepVerdict {
  // probe reports steps, not check's per-finding verdict marks: its findings keep their own shape.
  const own = offline.findings.map(({ fails: _fails, suppressed: _suppressed, ...f }) => f);
  const findings = [...own, ...extra.filter((f): f is Finding => f !== undefined)];
  return {
    ok: offline.ok,
    detail: offline.ok ? "the bundle and key pass check" : "the bundle or key fails check",
    findings: findings.filter((f) => f.severity !== "info"),
  };
}

/** ConnectPay's application checks revocation with the issuer's OCSP service on every request. */
export function revocationVerdict(result: RevocationResult): StepVerdict {
  const detail = result.details.join("; ") || result.findings.map((f) => f.message).join(" ");
  if (result.findings.some((f) => f.severity === "error")) return { ok: false, detail, findings: result.findings };
  if (result.checked === 0) return { ...unchecked(detail || "nothing to check"), findings: result.findings };
  if (result.findings.some((f) => f.severity === "warning")) return warned(detail, result.findings);
  return { ok: true, detail, findings: result.findings };
}

/**
 * The step line for the server's acceptable CA names. Its finding (tls.ca-not-accepted) waits for the
 * handshake: see probeFindings in ./outcome.ts, which also marks this step by that finding's severity.
 */
export function caNamesVerdict(obs: CaNamesObservation): StepVerdict {
  if (!obs.available) return unchecked(`not checked: ${obs.reason}`);
  if (!obs.requested) return unchecked("the server did not ask for a client certificate");
  if (obs.names.length === 0) return passed("the server asks for a client certificate without naming CAs");
  return passed(`${obs.names.length} acceptable CA name(s)`);
}

/** The names the server listed, when it asked for a client certificate and named any. */
export function listedCaNames(obs: CaNamesObservation): string[] {
  return obs.available && obs.requested ? obs.names : [];
}
